package main

import (
	"encoding/json"
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/quote", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"quote": "Simplicity is prerequisite for reliability."})
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
