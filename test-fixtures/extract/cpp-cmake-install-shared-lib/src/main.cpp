#include <iostream>
#include "geocore.h"

int main() {
  std::cout << lookup("Alexanderplatz") << std::endl;
  return 0;
}
