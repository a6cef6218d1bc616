module github.com/acme/pinger

go 1.21
