// A model's self-description rendered for people (text), for the docs
// (Markdown) and for programs (JSON): `osteon describe MODEL --format ...`.
#pragma once

#include <string>

#include "model/model.hpp"

namespace osteon {

enum class DescribeFormat { text, markdown, json };

std::string describe_model(const Model& model, DescribeFormat format);

}  // namespace osteon
