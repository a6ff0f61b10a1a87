// The built-in models as Python sees them: ids, self-descriptions (the same
// JSON as `osteon describe MODEL --format json`) and unit conversion.
#include <string>
#include <vector>

#include "bindings.hpp"
#include "builtin_models.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
#include "model/model_describer.hpp"

namespace py = pybind11;

namespace osteon::python {
namespace {

const Model& find_model(const std::string& id) {
  const Model* m = models::builtin_registry().find(id);
  if (!m) {
    throw InputError(
        SourceLocation{}, "model", "unknown model '" + id + "'", "one of " + [] {
          std::string all;
          for (const auto& i : models::builtin_registry().ids()) all += (all.empty() ? "" : ", ") + i;
          return all;
        }());
  }
  return *m;
}

}  // namespace

void bind_registry(py::module_& m) {
  m.def(
      "model_ids", [] { return models::builtin_registry().ids(); }, "Ids of the built-in models, in registry order.");
  m.def(
      "describe_json", [](const std::string& id) { return describe_model(find_model(id), DescribeFormat::json); },
      py::arg("model"), "A model's self-description as JSON (states, parameters, observables).");
  m.def(
      "to_unit",
      [](const std::string& text, const std::string& unit) {
        try {
          return to_unit(parse_quantity(text), unit);
        } catch (const UnitError& e) {
          throw InputError(SourceLocation{}, "quantity", "'" + text + "' (" + e.what() + ")",
                           "a number in " + unit + " or a compatible unit");
        }
      },
      py::arg("text"), py::arg("unit"),
      "The value of a quantity such as '2 y' in `unit` (a bare number is already in `unit`).");
}

}  // namespace osteon::python
