package main

import (
	"log"
	"net/http"
	"os"
	"path/filepath"
)

func main() {
	files, err := filepath.Glob(filepath.Join(os.Getenv("LEDGER_MIGRATIONS"), "*.sql"))
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%d migrations, data in %s", len(files), os.Getenv("LEDGER_DATA"))
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) })
	log.Fatal(http.ListenAndServe(":7070", nil))
}
