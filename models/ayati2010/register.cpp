// Compiles Ayati 2010 into every integrator (kept apart from the model's metadata so that the
// heavy template instantiation has its own translation unit).
#include "ayati2010.hpp"
#include "model/model_adapter.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_ayati2010() { return make_model<Ayati2010>(); }
}  // namespace osteon::models
