// Compiles the integrated model into every integrator (kept apart from the
// model's metadata so that the heavy template instantiation has its own
// translation unit).
#include "integrated.hpp"
#include "model/model_adapter.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_integrated() { return make_model<Integrated>(); }
}  // namespace osteon::models
