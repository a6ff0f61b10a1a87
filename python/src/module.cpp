// osteon._core: the compiled half of the Python package (see docs/python.md).
#include "bindings.hpp"
#include "core/version.hpp"
#include "output/output_schema.hpp"

namespace {
// The HDF5 names (output_schema.hpp) and the values written with them, so that the Python
// package never spells them itself.
pybind11::dict schema_dict() {
  namespace schema = osteon::schema;
  pybind11::dict d;
  for (const auto& [id, name] : schema::all_names) d[id] = name;
  d["conventions_value"] = schema::conventions_value;
  d["format_version_value"] = schema::format_version_value;
  d["disclaimer_text"] = schema::disclaimer_text;
  d["time_units"] = schema::time_units;
  d["time_axis"] = schema::time_axis;
  d["time_long_name"] = schema::time_long_name;
  d["run_long_name"] = schema::run_long_name;
  d["status_long_name"] = schema::status_long_name;
  d["status_message_long_name"] = schema::status_message_long_name;
  return d;
}
}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "osteon engine bindings; use the public API of the `osteon` package instead of this module.";
  m.attr("__version__") = osteon::version();
  m.attr("version_string") = osteon::version_string();
  m.attr("schema") = schema_dict();
  osteon::python::register_error_translation();
  osteon::python::bind_registry(m);
  osteon::python::bind_simulation(m);
  osteon::python::bind_steady_state(m);
  osteon::python::bind_sweep(m);
}
