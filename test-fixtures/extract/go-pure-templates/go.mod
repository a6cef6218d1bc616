module github.com/acme/blog

go 1.22
