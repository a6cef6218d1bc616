// A guestbook that renders views/*.html and reads its settings from the file named by -config.
package main

import (
	"flag"
	"html/template"
	"log"
	"net/http"
	"os"
	"sync"

	"gopkg.in/yaml.v3"
)

type settings struct {
	Title  string `yaml:"title"`
	Listen string `yaml:"listen"`
}

func main() {
	configPath := flag.String("config", "config.yaml", "settings file")
	flag.Parse()
	raw, err := os.ReadFile(*configPath)
	if err != nil {
		log.Fatal(err)
	}
	var cfg settings
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		log.Fatal(err)
	}
	pages := template.Must(template.ParseGlob("views/*.html"))
	var mu sync.Mutex
	var entries []string
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			mu.Lock()
			entries = append(entries, r.FormValue("message"))
			mu.Unlock()
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		pages.ExecuteTemplate(w, "index.html", map[string]any{"Title": cfg.Title, "Entries": entries})
	})
	log.Fatal(http.ListenAndServe(cfg.Listen, nil))
}
