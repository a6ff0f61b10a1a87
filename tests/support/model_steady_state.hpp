// Steady states as the model tests check them: a model's own closed form, and
// what the engine finds for a registered model at its defaults.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "builtin_models.hpp"

namespace osteon::testing {

// M::steady_state at parameters p (declared then derived); a test failure when it has none.
template <class M>
std::vector<double> closed_form_steady_state(const std::vector<double>& p) {
  std::vector<double> y(M::n_states);
  EXPECT_TRUE(M::steady_state(p.data(), y.data()));
  return y;
}

// The engine's steady state (Model::steady_state) of model `id` at its default parameters.
inline SteadyStateReport engine_steady_state(const std::string& id) {
  const Model* model = models::builtin_registry().find(id);
  if (model == nullptr) {
    ADD_FAILURE() << "no model " << id;
    return {};
  }
  const auto p = model->default_params();
  return model->steady_state(p.data(), {});
}

}  // namespace osteon::testing
