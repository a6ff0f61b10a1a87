"""Shared fixtures of the command-line tests.

CTest sets OSTEON_BINARY to the osteon executable it built. Run by hand:
    OSTEON_BINARY=build/bin/osteon /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
"""

import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def osteon_binary() -> pathlib.Path:
    value = os.environ.get("OSTEON_BINARY")
    if not value:
        pytest.fail("OSTEON_BINARY is not set; point it at the osteon executable (e.g. build/bin/osteon)")
    path = pathlib.Path(value)
    if not path.is_file():
        pytest.fail(f"OSTEON_BINARY={value} is not a file; build first")
    return path.resolve()


@pytest.fixture(scope="session")
def osteon(osteon_binary):
    """Runs `osteon ARGS...` from the repository root; returns the CompletedProcess."""

    def run(*args, cwd=REPO):
        return subprocess.run([str(osteon_binary), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                              timeout=300, check=False)

    return run
