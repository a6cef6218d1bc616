package main

// #include <stdlib.h>
// static int twice(int x) { return 2 * x; }
import "C"

import "fmt"

func main() {
	fmt.Println(C.twice(21))
}
