#pragma once
#include <istream>
#include <string>
#include <utility>
#include <vector>

std::vector<std::pair<std::string, int>> top_words(std::istream& in, std::size_t limit);
