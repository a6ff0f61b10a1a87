#include "builtin_models.hpp"

namespace osteon::models {

const ModelRegistry& builtin_registry() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    r.add(make_komarova2003());
    return r;
  }();
  return registry;
}

}  // namespace osteon::models
