// osteon._core: the compiled half of the Python package (see docs/python.md).
#include "bindings.hpp"
#include "core/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "osteon engine bindings; use the public API of the `osteon` package instead of this module.";
  m.attr("__version__") = osteon::version();
  m.attr("version_string") = osteon::version_string();
  osteon::python::register_error_translation();
  osteon::python::bind_registry(m);
  osteon::python::bind_simulation(m);
  osteon::python::bind_steady_state(m);
}
