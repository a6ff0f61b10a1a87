// The steady state of a model, as `osteon steady MODEL --set ...` reports it.

#include <string>
#include <vector>

#include "bindings.hpp"
#include "builtin_models.hpp"
#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace py = pybind11;

namespace osteon::python {

void bind_steady_state(py::module_& m) {
  m.def(
      "steady",
      [](const std::string& id, const std::vector<std::string>& assignments) {
        const SourceLocation call{"osteon.steady", 0, 0};
        const Model* model = models::builtin_registry().find(id);
        if (!model) throw InputError(call, "model", "unknown model '" + id + "'", "one of the ids of osteon.models()");
        // Overrides go through the checks of `--set`: names, units, ranges.
        Scenario s;
        s.model = id;
        for (const auto& a : assignments) apply_parameter_override(s, a, *model);
        std::vector<double> p = model->default_params();
        for (const auto& x : s.parameters) p[static_cast<std::size_t>(*model->info().param_index(x.name))] = x.value;
        if (std::string why = model->check_parameters(p.data()); !why.empty()) {
          throw InputError(call, "parameters", "an inadmissible parameter set (" + why + ")",
                           "parameters within their ranges");
        }
        SteadyStateReport rep;
        {
          const py::gil_scoped_release release;
          rep = model->steady_state(p.data(), {});
        }
        const ModelInfo& info = model->info();
        py::dict d;
        d["model"] = std::string(info.id);
        d["converged"] = rep.converged;
        d["method"] = rep.method;
        d["residual"] = rep.residual;
        d["iterations"] = rep.iterations;
        d["message"] = rep.message;
        std::vector<std::string> names, units;
        for (const auto& st : info.states) {
          names.emplace_back(st.name);
          units.emplace_back(st.unit);
        }
        d["names"] = names;
        d["units"] = units;
        d["state"] = rep.state;
        std::vector<std::string> pnames;
        for (const auto& pi : info.params) pnames.emplace_back(pi.name);
        d["parameter_names"] = pnames;
        d["parameters"] = p;
        return d;
      },
      py::arg("model"), py::arg("assignments"),
      "Steady state of `model` with parameter overrides given as 'NAME=VALUE' strings (VALUE may carry a unit).");
}

}  // namespace osteon::python
