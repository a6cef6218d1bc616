#pragma once
#include <string>

std::string lookup(const std::string &address);
