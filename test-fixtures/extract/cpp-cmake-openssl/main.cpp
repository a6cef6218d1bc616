#include <openssl/evp.h>
int main() { return 0; }
