"""osteon: mechanistic simulation of bone remodelling, from Python.

Research and teaching tool, not medical advice.

Example::

    import osteon
    osteon.models()                                   # ids of the built-in models
    osteon.describe("komarova2003")                  # parameters as a DataFrame
    s = osteon.Scenario.from_yaml("scenarios/literature/komarova2003_fig2.yaml")
    r = osteon.run(s.with_changes(parameters={"g11": 1.1}))
    ds = r.to_xarray()                                # same layout as `osteon run` files
    osteon.steady("pivonka2008", P_PTH="100 pM/d")
    osteon.compare([a, b], at=["1 y", "2 y"], variables=["BV"])
    osteon.open("out.h5")                            # any osteon HDF5 file as xarray
    osteon.sweep("scenarios/sweeps/komarova2003_grid.yaml", "grid.h5")   # runs `osteon sweep`
    from osteon import plot; plot.trajectories(r, ["OC", "OB"])

See docs/python.md. The compiled extension ``osteon._core`` is built by CMake
(``make build``) into ``build/python/osteon``; use ``PYTHONPATH=build/python`` or
``pip install -e python`` (see ``osteon._native``).
"""

from ._native import extend_package_path as _extend_package_path

_extend_package_path(__path__)

# `sweep` is both a submodule and a function: imported here so that the function, not the
# module, is what `osteon.sweep` names whatever is imported later (both modules are light).
from .errors import ScenarioError, ValidityWarning  # noqa: E402
from .sweep import SweepError, sweep  # noqa: E402

# The other public names are imported on first use: `osteon plot` and other light users do not pay
# for numpy, YAML and the compiled extension until they need them (PEP 562).
_PUBLIC = {
    "compare": ("comparison", "compare"),
    "open": ("output_file", "open_output"), "describe": ("registry", "describe"),
    "description": ("registry", "description"), "models": ("registry", "models"), "Result": ("result", "Result"),
    "Scenario": ("scenario", "Scenario"), "run": ("simulation", "run"), "SteadyState": ("steady_state", "SteadyState"),
    "steady": ("steady_state", "steady"),
    "to_unit": ("units", "to_unit"),
}

__all__ = sorted([*_PUBLIC, "ScenarioError", "ValidityWarning", "SweepError", "sweep", "__version__"])


def __getattr__(name):
    if name in _PUBLIC:
        import importlib
        module, attribute = _PUBLIC[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attribute)
        globals()[name] = value
        return value
    if name == "__version__":
        from ._native import core
        return core().__version__
    raise AttributeError(f"module 'osteon' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_PUBLIC) | {"__version__"})
