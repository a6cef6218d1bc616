// Prints the most frequent words of standard input. std::format is new in GCC 13's libstdc++.
#include <cstdlib>
#include <format>
#include <iostream>
#include <string_view>

#include "counter.h"

int main(int argc, char** argv) {
  std::size_t limit = 10;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string_view(argv[i]) == "--top") limit = std::strtoul(argv[i + 1], nullptr, 10);
  }
  for (const auto& [word, count] : top_words(std::cin, limit)) {
    std::cout << std::format("{:>8} {}\n", count, word);
  }
  return 0;
}
