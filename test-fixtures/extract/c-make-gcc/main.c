#include <stdio.h>
int main(void) { puts("kv"); return 0; }
