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

from .comparison import compare  # noqa: E402
from .errors import ScenarioError  # noqa: E402
from .output_file import open_output as open  # noqa: E402,A001
from .registry import describe, description, models  # noqa: E402
from .result import Result  # noqa: E402
from .scenario import Scenario  # noqa: E402
from .simulation import run  # noqa: E402
from .steady_state import SteadyState, steady  # noqa: E402
from .sweep import SweepError, sweep  # noqa: E402
from .units import to_unit  # noqa: E402

__all__ = ["Result", "Scenario", "ScenarioError", "SteadyState", "SweepError", "compare", "describe", "description",
           "models", "open", "run", "steady", "sweep", "to_unit", "__version__"]


def __getattr__(name):
    # The version comes from the extension; importing osteon works without it.
    if name == "__version__":
        from ._native import core
        return core().__version__
    raise AttributeError(f"module 'osteon' has no attribute {name!r}")
