package main

import (
	"flag"
	"log"
	"net"
)

func main() {
	addr := flag.String("listen", ":7000", "address")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
}
