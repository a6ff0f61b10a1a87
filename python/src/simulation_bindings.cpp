// Scenarios from YAML text, checked and run into memory: the Python
// counterpart of `osteon validate` and `osteon run`, returning numpy arrays
// instead of an HDF5 file. The GIL is released while the engine integrates.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "builtin_models.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "output/output_schema.hpp"
#include "run/parameter_ensemble.hpp"
#include "run/simulation.hpp"

namespace py = pybind11;

namespace osteon::python {
RunOptions api_run_options(int threads, const std::optional<std::string>& integrator, std::optional<double> rtol,
                           std::optional<double> atol, const char* call) {
  const SourceLocation api_call{call, 0, 0};
  RunOptions options;
  if (threads < 0)
    throw InputError(api_call, "threads", std::to_string(threads), "a positive number, or None for every core");
  options.threads = threads;
  if (integrator) {
    options.method = parse_method(*integrator);
    if (!options.method) {
      throw InputError(api_call, "integrator", "'" + *integrator + "'", "one of " + std::string(method_names_help()));
    }
  }
  if (rtol) {
    if (!(*rtol > 0.0)) throw InputError(api_call, "rtol", std::to_string(*rtol), "a positive tolerance");
    options.rtol = rtol;
  }
  if (atol) {
    if (!(*atol > 0.0)) throw InputError(api_call, "atol", std::to_string(*atol), "a positive tolerance");
    options.atol = atol;
  }
  return options;
}

namespace {

Simulation prepare(const std::string& text, const std::string& label, int threads,
                   const std::optional<std::string>& integrator, std::optional<double> rtol,
                   std::optional<double> atol) {
  const ModelRegistry& registry = models::builtin_registry();
  Scenario s = load_scenario_text(text, label, registry);
  const RunOptions options = api_run_options(threads, integrator, rtol, atol);
  const Model& model = *registry.find(s.model);
  return Simulation(std::move(s), model, options);
}

py::dict summary(const Simulation& sim) {
  const Scenario& s = sim.scenario();
  py::dict d;
  d["name"] = s.name;
  d["description"] = s.description;
  d["model"] = s.model;
  d["duration"] = s.duration;
  d["n_runs"] = sim.n_runs();
  d["n_times"] = sim.plan().times.size();
  return d;
}

// Everything an HDF5 file of `osteon run` holds, as Python objects: the same
// names, units, attributes and numbers (failed runs hold NaN, as in the file).
py::dict collect(const Simulation& sim, const ResultCollector& collector, const std::string& history) {
  const OutputDescription desc = sim.output_description(history);
  const std::size_t nr = collector.results().size(), nv = desc.names.size(), nt = desc.times.size();

  py::array_t<double> times(static_cast<py::ssize_t>(nt));
  std::copy(desc.times.begin(), desc.times.end(), times.mutable_data());

  py::array_t<double> values(
      {static_cast<py::ssize_t>(nr), static_cast<py::ssize_t>(nv), static_cast<py::ssize_t>(nt)});
  py::array_t<std::int8_t> status(static_cast<py::ssize_t>(nr));
  py::list messages;
  double* out = values.mutable_data();
  const auto& results = collector.results();
  for (std::size_t r = 0; r < nr; ++r) {
    const RunResult& rr = results[r];
    double* row = out + r * nv * nt;
    const bool ok = rr.status == RunStatus::ok && rr.values.size() == nv * nt;
    if (ok) {
      std::copy(rr.values.begin(), rr.values.end(), row);
    } else {
      std::fill(row, row + nv * nt, std::numeric_limits<double>::quiet_NaN());
    }
    status.mutable_data()[r] = static_cast<std::int8_t>(rr.status);
    messages.append(rr.message);
  }

  py::list factors;
  for (const RunFactor& f : desc.factors) {
    py::dict fd;
    fd["name"] = f.name;
    fd["units"] = f.unit;
    fd["long_name"] = f.long_name;
    py::array_t<double> v(static_cast<py::ssize_t>(f.values.size()));
    std::copy(f.values.begin(), f.values.end(), v.mutable_data());
    fd["values"] = v;
    factors.append(fd);
  }

  // The root attributes the HDF5 writer stores (result_writer.cpp).
  py::dict attrs;
  attrs[schema::conventions] = schema::conventions_value;
  attrs[schema::title] = desc.title;
  attrs[schema::source] = version_string();
  attrs[schema::history] = desc.history;
  attrs[schema::format_version] = schema::format_version_value;
  attrs[schema::model] = desc.model_id;
  attrs[schema::model_citation] = desc.model_citation;
  attrs[schema::scenario] = desc.scenario_text;
  attrs[schema::settings] = desc.settings_json;
  attrs[schema::disclaimer] = schema::disclaimer_text;
  // As the file: the sentences of Simulation::warnings() joined by newlines, only when there are any.
  if (!sim.warnings().empty()) {
    std::string all;
    for (const auto& w : sim.warnings()) all += (all.empty() ? "" : "\n") + w;
    attrs["validity_warnings"] = all;
  }

  py::dict d;
  d["times"] = times;
  d["names"] = desc.names;
  d["units"] = desc.units;
  d["long_names"] = desc.long_names;
  d["values"] = values;
  d["status"] = status;
  d["status_meanings"] = std::string(run_status_meanings);
  d["messages"] = messages;
  d["factors"] = factors;
  d["attrs"] = attrs;
  d["warnings"] = sim.warnings();
  if (desc.pathway) {
    // Monitoring visits and rules: the same numbers as the file's measured_* and decision_* datasets.
    const PathwayLayout& l = *desc.pathway;
    const std::size_t nvis = l.visit_times.size(), nm = l.measure_names.size();
    py::dict pw;
    py::array_t<double> vt(static_cast<py::ssize_t>(nvis));
    std::copy(l.visit_times.begin(), l.visit_times.end(), vt.mutable_data());
    py::array_t<double> measured(
        {static_cast<py::ssize_t>(nr), static_cast<py::ssize_t>(nvis), static_cast<py::ssize_t>(nm)});
    std::fill(measured.mutable_data(), measured.mutable_data() + nr * nvis * nm,
              std::numeric_limits<double>::quiet_NaN());
    py::list decisions;
    for (std::size_t r = 0; r < nr; ++r) {
      const RunResult& rr = results[r];
      if (rr.measured.size() == nvis * nm)
        std::copy(rr.measured.begin(), rr.measured.end(), measured.mutable_data() + r * nvis * nm);
      py::list run_decisions;
      for (const Decision& dd : rr.decisions) run_decisions.append(py::make_tuple(dd.time, dd.rule));
      decisions.append(run_decisions);
    }
    pw["visit_times"] = vt;
    pw["measure_names"] = l.measure_names;
    pw["measure_units"] = l.measure_units;
    pw["measure_long_names"] = l.measure_long_names;
    pw["measured"] = measured;
    pw["rule_names"] = l.rule_names;
    pw["rule_actions"] = l.rule_actions;
    pw["decisions"] = decisions;
    d["pathway"] = pw;
  }
  return d;
}

}  // namespace

void bind_simulation(py::module_& m) {
  m.def(
      "validate",
      [](const std::string& text, const std::string& label) { return summary(prepare(text, label, 1, {}, {}, {})); },
      py::arg("text"), py::arg("label"),
      "Checks a scenario given as YAML text (as `osteon validate`); returns name, model, duration (d), n_runs and "
      "n_times. Raises osteon.ScenarioError naming file, line and key.");
  m.def(
      "run",
      [](const std::string& text, const std::string& label, int threads, const std::optional<std::string>& integrator,
         std::optional<double> rtol, std::optional<double> atol, const std::string& history) {
        const Simulation sim = prepare(text, label, threads, integrator, rtol, atol);
        ResultCollector collector(sim.n_runs());
        {
          // Worker threads never touch Python objects: other Python threads
          // (dask, a GUI) keep running while the engine integrates.
          const py::gil_scoped_release release;
          sim.run(collector);
        }
        return collect(sim, collector, history);
      },
      py::arg("text"), py::arg("label"), py::arg("threads") = 0, py::arg("integrator") = py::none(),
      py::arg("rtol") = py::none(), py::arg("atol") = py::none(), py::arg("history") = "osteon.run (Python)",
      "Runs a scenario given as YAML text; returns a dict of numpy arrays and metadata "
      "(values are [run, variable, time]). threads=0 uses every core.");
  m.def(
      "run_uncertainty",
      [](const std::string& text, const std::string& label, long long members, long long seed, int threads,
         const std::optional<std::string>& integrator, std::optional<double> rtol, std::optional<double> atol,
         const std::string& history) {
        const SourceLocation where{label, 0, 0};
        if (members < 2 || members > 100000) {
          throw InputError(where, "uncertainty", std::to_string(members),
                           "a number of members from 2 (one member has no spread) to 100000");
        }
        if (seed < 0) throw InputError(where, "seed", std::to_string(seed), "a whole number >= 0");
        const Simulation sim = prepare(text, label, threads, integrator, rtol, atol);
        if (!sim.model().uncertainty()) {
          throw InputError(where, "uncertainty",
                           "model '" + sim.scenario().model + "', which declares no parameter uncertainty",
                           "a model with a calibrated parameter covariance");
        }
        if (sim.n_runs() != 1) throw InputError(where, "runs", "an ensemble", "a single-run scenario");
        const auto n = static_cast<std::size_t>(members);
        const ParameterEnsemble ensemble(sim.model(), n, static_cast<std::uint64_t>(seed));
        ResultCollector collector(n + 1);
        {
          const py::gil_scoped_release release;
          IndexedRunSource source(n + 1, [&](std::size_t i) {
            RunSpec r = sim.run_spec(0);
            r.index = i;
            if (i > 0 && r.error.empty()) r.error = ensemble.apply(i - 1, r.params);
            return r;
          });
          const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(sim.threads()), n + 1));
          run_on_threads(sim.model(), sim.plan(), sim.settings(), source, collector, std::max(workers, 1));
        }
        return collect(sim, collector, history);
      },
      py::arg("text"), py::arg("label"), py::arg("members"), py::arg("seed") = 1, py::arg("threads") = 0,
      py::arg("integrator") = py::none(), py::arg("rtol") = py::none(), py::arg("atol") = py::none(),
      py::arg("history") = "osteon.compare(uncertainty=...) (Python)",
      "Runs a single-run scenario at its parameters (run 0) and at `members` members of the model's parameter "
      "ensemble (runs 1..members), as `osteon compare --uncertainty`; returns the dict of run().");
}

}  // namespace osteon::python
