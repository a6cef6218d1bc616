plugins {
    kotlin("jvm") version "2.0.0"
    application
}

repositories { mavenCentral() }

dependencies {
    implementation("io.ktor:ktor-server-netty:2.3.12")
    implementation("com.charleskorn.kaml:kaml:0.60.0")
}

application { mainClass.set("ingest.MainKt") }
