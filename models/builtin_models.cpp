#include "builtin_models.hpp"

namespace osteon::models {

const ModelRegistry& builtin_registry() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    r.add(make_komarova2003());
    r.add(make_komarova2005());
    r.add(make_lemaire2004());
    r.add(make_pivonka2008());
    r.add(make_scheiner2013());
    r.add(make_martinez_reina2019());
    r.add(make_integrated());
    return r;
  }();
  return registry;
}

}  // namespace osteon::models
