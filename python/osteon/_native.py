"""Finds the compiled extension ``osteon._core``.

The extension is built by CMake into ``<build>/python/osteon/`` next to links to these
modules, so ``PYTHONPATH=build/python`` finds both. When the package is used from the source
tree instead (``pip install -e python``), the extension is looked up in the build directory
named by the environment variable ``OSTEON_BUILD_DIR``, else in ``<repository>/build``.
The pure-Python parts (``osteon.open``, ``osteon.plot``, ``osteon.ScenarioError``) work
without the extension.
"""

from __future__ import annotations

import importlib
import os
import pathlib

_PACKAGE_DIR = pathlib.Path(__file__).resolve().parent
_REPOSITORY = _PACKAGE_DIR.parents[1]


def build_directories() -> list[pathlib.Path]:
    """Directories searched for ``python/osteon/_core*.so``, most specific first."""
    dirs = []
    if os.environ.get("OSTEON_BUILD_DIR"):
        dirs.append(pathlib.Path(os.environ["OSTEON_BUILD_DIR"]))
    dirs.append(_REPOSITORY / "build")
    return dirs


def extend_package_path(package_path: list[str]) -> None:
    """Appends the build directory's ``osteon/`` to the package ``__path__`` when the
    extension is not next to the Python modules (source-tree or editable installs)."""
    here = pathlib.Path(package_path[0]) if package_path else _PACKAGE_DIR
    if any(here.glob("_core*.so")) or any(here.glob("_core*.pyd")):
        return
    for build in build_directories():
        candidate = build / "python" / "osteon"
        if any(candidate.glob("_core*.so")) and str(candidate) not in package_path:
            package_path.append(str(candidate))
            return


def core():
    """The ``osteon._core`` module, or an ImportError that says how to build it."""
    try:
        return importlib.import_module("osteon._core")
    except ImportError as error:
        searched = ", ".join(str(d / "python" / "osteon") for d in build_directories())
        raise ImportError(
            "osteon's compiled extension (osteon._core) was not found. Build it with `make build` "
            "(CMake option OSTEON_PYTHON=ON, needs pybind11-dev), then either set "
            "PYTHONPATH=build/python or install the package with `pip install -e python`; "
            f"set OSTEON_BUILD_DIR for another build directory. Searched: {searched}. ({error})") from error
