// The models compiled into osteon, by id.
#pragma once

#include <memory>

#include "osteon/registry.hpp"

namespace osteon::models {

// Every built-in model, registered once on first use.
const ModelRegistry& builtin_registry();

// One factory per model, defined in models/<id>/register.cpp.
std::unique_ptr<Model> make_komarova2003();

}  // namespace osteon::models
