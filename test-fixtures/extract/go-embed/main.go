package main

import (
	"embed"
	"net/http"
)

//go:embed templates static
var assets embed.FS

func main() {
	http.Handle("/", http.FileServer(http.FS(assets)))
	http.ListenAndServe(":8080", nil)
}
