#include "builtin_models.hpp"

namespace osteon::models {

const ModelRegistry& builtin_registry() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
#define OSTEON_MODEL(id) r.add(make_##id());
#include "model_list.hpp"
#undef OSTEON_MODEL
    return r;
  }();
  return registry;
}

}  // namespace osteon::models
