// Models by id.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace osteon {

class ModelRegistry {
 public:
  void add(std::unique_ptr<Model> model);
  const Model* find(std::string_view id) const;  // nullptr when unknown
  std::vector<std::string> ids() const;
  const std::vector<std::unique_ptr<Model>>& models() const { return models_; }

 private:
  std::vector<std::unique_ptr<Model>> models_;
};

}  // namespace osteon
