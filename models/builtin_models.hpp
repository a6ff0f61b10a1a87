// The models compiled into osteon, by id.
#pragma once

#include <memory>

#include "model/registry.hpp"

namespace osteon::models {

// Every built-in model, registered once on first use.
const ModelRegistry& builtin_registry();

// One factory per model (models/model_list.hpp), defined in models/<id>/register.cpp.
#define OSTEON_MODEL(id) std::unique_ptr<Model> make_##id();
#include "model_list.hpp"
#undef OSTEON_MODEL

}  // namespace osteon::models
