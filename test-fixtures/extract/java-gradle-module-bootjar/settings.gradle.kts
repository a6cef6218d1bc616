rootProject.name = "ledger"

include("app", "core")
