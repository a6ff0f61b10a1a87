// Compiles Martínez-Reina & Pivonka 2019 into every integrator (kept apart from
// the model's metadata so that the heavy template instantiation has its own
// translation unit).
#include "martinez_reina2019.hpp"
#include "model/model_adapter.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_martinez_reina2019() { return make_model<MartinezReina2019>(); }
}  // namespace osteon::models
