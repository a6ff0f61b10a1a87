// libFuzzer target: `--set NAME=VALUE` parsing on every model.
#include <cstddef>
#include <cstdint>
#include <string>

#include "builtin_models.hpp"
#include "core/error.hpp"
#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto& m : osteon::models::builtin_registry().models()) {
    osteon::Scenario s;
    s.model = std::string(m->info().id);
    try {
      osteon::apply_parameter_override(s, text, *m);
    } catch (const osteon::InputError&) {
    }
  }
  return 0;
}
