variable "TAG" {
  default = "latest"
}

variable "API_TARGET" {
  default = "runtime"
}

group "default" {
  targets = ["api", "web"]
}

target "_api" {
  context    = "./api"
  dockerfile = "Dockerfile"
  platforms  = ["linux/amd64", "linux/arm64"]
}

target "api" {
  inherits = ["_api"]
  target   = "${API_TARGET}"
  tags     = ["ghcr.io/example/shop-api:${TAG}"]
}

target "api-test" {
  inherits = ["_api"]
  target   = "test"
  output   = ["type=cacheonly"]
}

target "web" {
  context = "./web"
  target  = "runtime"
  tags    = ["ghcr.io/example/shop-web:${TAG}"]
}
