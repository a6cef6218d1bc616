package main

import (
	"fmt"
	"os"
)

func main() {
	banner, _ := os.ReadFile("banner.txt")
	fmt.Print(string(banner))
}
