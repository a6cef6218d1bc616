#include "counter.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

std::vector<std::pair<std::string, int>> top_words(std::istream& in, std::size_t limit) {
  std::unordered_map<std::string, int> counts;
  std::string word;
  while (in >> word) {
    std::erase_if(word, [](unsigned char c) { return !std::isalnum(c); });
    std::ranges::transform(word, word.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!word.empty()) ++counts[word];
  }
  std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
  std::ranges::sort(sorted, [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  if (sorted.size() > limit) sorted.resize(limit);
  return sorted;
}
