package main

import (
	"log"
	"net/http"

	"github.com/spf13/viper"
)

func main() {
	viper.SetConfigName("settings")
	viper.AddConfigPath(".")
	if err := viper.ReadInConfig(); err != nil {
		log.Fatal(err)
	}
	http.Handle("/", http.FileServer(http.Dir("ui/dist")))
	log.Fatal(http.ListenAndServe(viper.GetString("listen"), nil))
}
