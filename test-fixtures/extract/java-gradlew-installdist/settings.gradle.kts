rootProject.name = "ingest"
