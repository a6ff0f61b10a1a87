// The C API of the web build: a scenario as YAML text (JSON, being YAML, too) in, the run's
// trajectories out as JSON text; errors come back as messages, never as NaN. Used by the page's
// Web Worker (web/src/worker.js) and by the Node tests (web/tests/).
//
//   const char* osteon_run(const char* scenario_text);   // JSON; free with osteon_free
//   void osteon_free(const char* p);
//   const char* osteon_version(void);                     // static string
//
// On success: {"ok": true, "name", "model", "duration_d", "times": [d...],
//              "variables": [{"name", "units", "long_name"}...], "values": [[per time]...],
//              "stats": {"steps", "rejected", "rhs_evals"}}
// On failure: {"ok": false, "error": "message naming line and key"}.

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

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

std::string error_json(const std::string& message) {
  JsonWriter w;
  w.begin_object().key("ok").value(false).key("error").value(message).end_object();
  return w.str();
}

std::string run_json(const std::string& text) {
  const ModelRegistry& registry = web_registry();
  Scenario s = load_scenario_text(text, "scenario", registry);
  const Model* model = registry.find(s.model);
  if (!model) return error_json("model '" + s.model + "' is not in the web build (it has: integrated)");
  RunOptions options;
  options.threads = 1;
  const Simulation sim(std::move(s), *model, options);
  if (sim.n_runs() != 1) return error_json("the web build runs one scenario at a time, not a runs table");
  ResultCollector collector(1);
  sim.run(collector);
  const RunResult& r = collector.results().front();
  if (r.status != RunStatus::ok) return error_json(r.message.empty() ? "the run failed" : r.message);

  const OutputDescription d = sim.output_description("osteon web");
  const std::size_t nv = d.names.size(), nt = d.times.size();
  if (r.values.size() < nv * nt) return error_json("internal error: the run returned too few values");
  for (std::size_t i = 0; i < nv * nt; ++i) {
    if (!std::isfinite(r.values[i])) {
      return error_json("the run produced a non-finite value of " + d.names[i / nt] + " at t = " +
                        std::to_string(d.times[i % nt]) + " d");
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
  w.key("values").begin_array();
  for (std::size_t v = 0; v < nv; ++v) {
    w.begin_array();
    for (std::size_t k = 0; k < nt; ++k) w.value(r.values[v * nt + k]);
    w.end_array();
  }
  w.end_array();
  w.key("stats").begin_object().key("steps").value(r.stats.steps).key("rejected").value(r.stats.rejected);
  w.key("rhs_evals").value(r.stats.rhs_evals).end_object();
  w.end_object();
  return w.str();
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
