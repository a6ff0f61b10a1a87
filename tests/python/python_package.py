"""The Python package under test (python/osteon with its compiled extension).

CTest runs pytest with PYTHONPATH=<build>/python and OSTEON_BUILD_DIR=<build> when the
build has the Python package (CMake option OSTEON_PYTHON). Test modules import `osteon`
from here: without OSTEON_BUILD_DIR and without the package they are skipped, with
OSTEON_BUILD_DIR a missing package is an error. By hand:
    PYTHONPATH=build/python OSTEON_BUILD_DIR=build OSTEON_BINARY=build/bin/osteon \
        /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
"""

import os
import pathlib

import pytest

try:
    import osteon
    import osteon._core  # noqa: F401  (the extension, not only the pure-Python part)
except ImportError as error:
    if os.environ.get("OSTEON_BUILD_DIR"):
        raise
    pytest.skip(f"the Python package is not built or not on PYTHONPATH ({error}); "
                "build with OSTEON_PYTHON=ON and set PYTHONPATH=<build>/python", allow_module_level=True)

REPO = pathlib.Path(__file__).resolve().parents[2]


def build_dir() -> pathlib.Path:
    """The build directory whose extension is under test."""
    if os.environ.get("OSTEON_BUILD_DIR"):
        return pathlib.Path(os.environ["OSTEON_BUILD_DIR"]).resolve()
    return pathlib.Path(osteon._core.__file__).resolve().parents[2]


__all__ = ["osteon", "REPO", "build_dir"]
