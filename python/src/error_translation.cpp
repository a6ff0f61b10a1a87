// Bad input from the engine reaches Python as osteon.ScenarioError, carrying
// the engine's message (file:line:column: key, found, expected) and its parts.
#include <exception>

#include "bindings.hpp"
#include "core/error.hpp"

namespace py = pybind11;

namespace osteon::python {

void register_error_translation() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      // The class lives in pure Python (osteon/errors.py) so that it can be
      // raised, caught and pickled without the extension.
      const py::object cls = py::module_::import("osteon.errors").attr("ScenarioError");
      const SourceLocation& w = e.where();
      const py::object error = cls(e.what(), w.file, w.line, w.column, e.key(), e.found(), e.expected());
      PyErr_SetObject(cls.ptr(), error.ptr());
    } catch (const UnitError& e) {
      const py::object cls = py::module_::import("osteon.errors").attr("ScenarioError");
      const py::object error = cls(std::string("error: ") + e.what());
      PyErr_SetObject(cls.ptr(), error.ptr());
    }
  });
}

}  // namespace osteon::python
