// libFuzzer target: the scenario loader must answer any input with a Scenario
// or an InputError, never a crash, a hang, another exception or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>

#include "builtin_models.hpp"
#include "core/error.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_compiler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto& registry = osteon::models::builtin_registry();
  try {
    const osteon::Scenario s = osteon::load_scenario_text(text, "fuzz.yaml", registry);
    // A scenario that loads must also compile (or be rejected as input).
    const osteon::Model& m = *registry.find(s.model);
    (void)osteon::compile_output(s, m);
    (void)osteon::compile_run(s, m);
  } catch (const osteon::InputError&) {
    // Expected for bad input.
  }
  return 0;
}
