package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	if len(os.Args) < 2 || os.Args[1] != "serve" {
		fmt.Fprintln(os.Stderr, "usage: mailer serve")
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", ":"+os.Getenv("SMTP_PORT"))
	if err != nil {
		panic(err)
	}
	for {
		conn, err := ln.Accept()
		if err == nil {
			fmt.Fprintf(conn, "220 %s ESMTP ready\r\n", os.Getenv("SMTP_HOSTNAME"))
			conn.Close()
		}
	}
}
