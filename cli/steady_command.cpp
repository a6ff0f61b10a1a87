// `osteon steady MODEL [--set NAME=VALUE]...`: the steady state of a model,
// with how it was found.
#include <cstdio>
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/number_format.hpp"
#include "scenario/scenario.hpp"

namespace osteon::cli {

constexpr const char* steady_help =
    "Usage: osteon steady MODEL [--set NAME=VALUE]... [--format text|json]\n"
    "  Finds the model's steady state (closed form, Newton on the AD Jacobian, or time\n"
    "  integration) and reports the method, residual and iterations. Exit 2 when there is none.\n";

int steady_command(const Args& args) {
  const auto parsed = parse_command_line(args, {{"--set", "", true, true}, {"--format", "", true}}, steady_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  const SourceLocation cmdline{"command line", 0, 0};
  const Model& m = model_argument(a);
  const std::string format = a.get("--format").value_or("text");
  if (format != "text" && format != "json") throw InputError(cmdline, "--format", "'" + format + "'", "text or json");

  // Parameter overrides go through the same checks as in a scenario.
  Scenario s;
  s.model = a.positional.front();
  for (const auto& set : a.all("--set")) apply_parameter_override(s, set, m);
  std::vector<double> p = m.default_params();
  for (const auto& x : s.parameters) p[static_cast<std::size_t>(*m.info().param_index(x.name))] = x.value;
  if (std::string why = m.check_parameters(p.data()); !why.empty()) {
    throw InputError(cmdline, "--set", "an inadmissible parameter set (" + why + ")", "parameters within their ranges");
  }
  const SteadyStateReport rep = m.steady_state(p.data(), {});
  const ModelInfo& info = m.info();
  if (format == "json") {
    JsonWriter w;
    w.begin_object()
        .key("model")
        .value(info.id)
        .key("converged")
        .value(rep.converged)
        .key("method")
        .value(rep.method)
        .key("residual_per_day")
        .value(rep.residual)
        .key("iterations")
        .value(rep.iterations)
        .key("message")
        .value(rep.message);
    w.key("state").begin_object();
    for (std::size_t i = 0; i < rep.state.size(); ++i) w.key(info.states[i].name).value(rep.state[i]);
    w.end_object().key("units").begin_object();
    for (const auto& st : info.states) w.key(st.name).value(st.unit);
    w.end_object().end_object();
    std::cout << w.str() << "\n";
  } else {
    std::cout << info.id << " steady state: " << (rep.converged ? "found" : "NOT found") << " by " << rep.method
              << " (residual " << format_number(rep.residual, 3) << " per day, " << rep.iterations << " iterations)\n";
    for (std::size_t i = 0; i < rep.state.size(); ++i) {
      std::cout << "  " << info.states[i].name << " = " << format_number(rep.state[i], 10) << " " << info.states[i].unit
                << "\n";
    }
  }
  if (!rep.converged) {
    std::cerr << "osteon steady: error: " << rep.message << "\n";
    return exit_bad_input;
  }
  return exit_ok;
}

}  // namespace osteon::cli
