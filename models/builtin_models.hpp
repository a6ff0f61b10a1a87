// The models compiled into osteon, by id.
#pragma once

#include <memory>

#include "model/registry.hpp"

namespace osteon::models {

// Every built-in model, registered once on first use.
const ModelRegistry& builtin_registry();

// One factory per model, defined in models/<id>/register.cpp.
std::unique_ptr<Model> make_komarova2003();
std::unique_ptr<Model> make_komarova2005();
std::unique_ptr<Model> make_lemaire2004();
std::unique_ptr<Model> make_pivonka2008();
std::unique_ptr<Model> make_scheiner2013();
std::unique_ptr<Model> make_martinez_reina2019();
std::unique_ptr<Model> make_integrated();

}  // namespace osteon::models
