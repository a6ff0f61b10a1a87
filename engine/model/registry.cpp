#include "model/registry.hpp"

#include <stdexcept>

namespace osteon {

void ModelRegistry::add(std::unique_ptr<Model> model) {
  if (find(model->info().id) != nullptr) {
    throw std::logic_error("model id registered twice: " + std::string(model->info().id));
  }
  models_.push_back(std::move(model));
}

const Model* ModelRegistry::find(std::string_view id) const {
  for (const auto& m : models_) {
    if (m->info().id == id) return m.get();
  }
  return nullptr;
}

std::vector<std::string> ModelRegistry::ids() const {
  std::vector<std::string> out;
  for (const auto& m : models_) out.emplace_back(m->info().id);
  return out;
}

}  // namespace osteon
