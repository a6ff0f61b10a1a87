#include "test_models.hpp"

#include "model/model_adapter.hpp"

namespace osteon::testing {

const ModelRegistry& test_registry() {
  static const ModelRegistry r = [] {
    ModelRegistry m;
    m.add(make_model<Robertson>());
    m.add(make_model<ForcedDecay>());
    m.add(make_model<BlowUp>());
    m.add(make_model<TwoPools>());
    return m;
  }();
  return r;
}

}  // namespace osteon::testing
