package ingest

import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import java.io.File

fun main(args: Array<String>) {
    val config = File(args.getOrElse(1) { "conf/ingest.yaml" }).readText()
    println("config: ${config.length} bytes")
    embeddedServer(Netty, port = 9000) {}.start(wait = true)
}
