// The C API of the web build: a scenario as YAML text (JSON, being YAML, too) in, the run's
// trajectories out as JSON text; errors come back as messages, never as NaN. Used by the page's
// Web Worker (web/src/worker.js) and by the Node tests (web/tests/).
//
//   const char* osteon_run(const char* scenario_text);   // JSON; free with osteon_free
//   void osteon_free(const char* p);
//   const char* osteon_version(void);                     // static string
//
// On success: {"ok": true, "name", "model", "duration_d", "times": [d...],
//              "variables": [{"name", "units", "long_name"}...], "values_offset": k,
//              "stats": {"steps", "rejected", "rhs_evals"}}
//   followed in the same block, k bytes from its start (8-byte aligned, after the text's NUL),
//   by the values as doubles, variable after variable, each at every time: the numbers as the
//   engine computed them, without a decimal round trip (web/src/engine.js reads them).
// On failure: {"ok": false, "error": "message naming line and key"}.

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/version.hpp"
#include "model/registry.hpp"
#include "run/simulation.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_integrated();  // models/integrated/register.cpp
}

namespace {

using namespace osteon;

// Only the model the page uses: the others would add to the download and are not linked.
const ModelRegistry& web_registry() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    r.add(models::make_integrated());
    return r;
  }();
  return registry;
}

char* to_c(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p) std::memcpy(p, s.c_str(), s.size() + 1);
  return p;
}

// A run's answer: its JSON text, then its values as binary doubles. Formatting ~3000 doubles
// as %.17g text and parsing them again in JavaScript took a fifth of a slider recompute
// (docs/performance.md); the bytes are also exactly the engine's numbers.
struct Answer {
  std::string json;
  std::vector<double> values;
};

// The text's length rounded up to the doubles' alignment, past its NUL; the same value is written
// into the text, so its digits are chosen first and the text padded to a fixed width.
constexpr std::size_t k_offset_digits = 12;

char* to_c(Answer a) {
  if (a.values.empty()) return to_c(a.json);
  const std::size_t offset = (a.json.size() + 1 + k_offset_digits + 7) / 8 * 8;
  std::string digits = std::to_string(offset);
  digits.insert(0, k_offset_digits - digits.size(), ' ');  // JSON allows the blanks
  // The placeholder 0 written by run_json (its last key but one; a scenario's name allows no quotes).
  constexpr std::string_view placeholder = "\"values_offset\": 0";
  const std::size_t at = a.json.rfind(placeholder);
  if (at == std::string::npos) return nullptr;
  a.json.replace(at + placeholder.size() - 1, 1, digits);
  const std::size_t bytes = a.values.size() * sizeof(double);
  char* p = static_cast<char*>(std::malloc(offset + bytes));
  if (!p) return nullptr;
  std::memset(p, 0, offset);
  std::memcpy(p, a.json.c_str(), a.json.size() + 1);
  std::memcpy(p + offset, a.values.data(), bytes);
  return p;
}

std::string error_json(const std::string& message) {
  JsonWriter w;
  w.begin_object().key("ok").value(false).key("error").value(message).end_object();
  return w.str();
}

Answer run_json(const std::string& text) {
  const ModelRegistry& registry = web_registry();
  Scenario s = load_scenario_text(text, "scenario", registry);
  const Model* model = registry.find(s.model);
  if (!model) return {error_json("model '" + s.model + "' is not in the web build (it has: integrated)"), {}};
  RunOptions options;
  options.threads = 1;
  const Simulation sim(std::move(s), *model, options);
  if (sim.n_runs() != 1) return {error_json("the web build runs one scenario at a time, not a runs table"), {}};
  ResultCollector collector(1);
  sim.run(collector);
  const RunResult& r = collector.results().front();
  if (r.status != RunStatus::ok) return {error_json(r.message.empty() ? "the run failed" : r.message), {}};

  const OutputDescription d = sim.output_description("osteon web");
  const std::size_t nv = d.names.size(), nt = d.times.size();
  if (r.values.size() < nv * nt) return {error_json("internal error: the run returned too few values"), {}};
  for (std::size_t i = 0; i < nv * nt; ++i) {
    if (!std::isfinite(r.values[i])) {
      return {error_json("the run produced a non-finite value of " + d.names[i / nt] +
                         " at t = " + std::to_string(d.times[i % nt]) + " d"),
              {}};
    }
  }
  JsonWriter w;
  w.begin_object().key("ok").value(true);
  w.key("name").value(sim.scenario().name).key("model").value(sim.scenario().model);
  w.key("duration_d").value(sim.scenario().duration);
  w.key("times").begin_array();
  for (double t : d.times) w.value(t);
  w.end_array();
  w.key("variables").begin_array();
  for (std::size_t v = 0; v < nv; ++v) {
    w.begin_object().key("name").value(d.names[v]).key("units").value(d.units[v]);
    w.key("long_name").value(d.long_names[v]).end_object();
  }
  w.end_array();
  w.key("values_offset").value(0);  // set by to_c(Answer)
  w.key("stats").begin_object().key("steps").value(r.stats.steps).key("rejected").value(r.stats.rejected);
  w.key("rhs_evals").value(r.stats.rhs_evals).end_object();
  w.end_object();
  return {w.str(), std::vector<double>(r.values.begin(), r.values.begin() + static_cast<std::ptrdiff_t>(nv * nt))};
}

}  // namespace

extern "C" {

const char* osteon_run(const char* scenario_text) {
  try {
    if (!scenario_text) return to_c(error_json("no scenario text"));
    return to_c(run_json(scenario_text));
  } catch (const std::exception& e) {
    return to_c(error_json(e.what()));
  } catch (...) {
    return to_c(error_json("internal error"));
  }
}

void osteon_free(const char* p) { std::free(const_cast<char*>(p)); }

const char* osteon_version() {
  static const std::string v = version_string();
  return v.c_str();
}

}  // extern "C"
