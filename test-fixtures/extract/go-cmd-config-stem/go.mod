module github.com/example/shortener

go 1.21

require github.com/spf13/viper v1.19.0
