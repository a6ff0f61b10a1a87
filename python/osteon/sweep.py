"""Parameter sweeps from Python: :func:`sweep` runs ``osteon sweep`` (docs/sweeps.md) and opens
its output file.

The sweep engine (designs, metrics, Sobol/Morris analysis, resumable files) lives in the
``osteon`` executable; this wrapper runs it as a subprocess, so a sweep from Python gives the
same file as one from the shell. Its exit codes become exceptions: 2 (bad input) raises
:class:`osteon.ScenarioError` with the file, line and key of the message, 3 (interrupted) and 1
(internal failure, or every run failed) raise :class:`SweepError`.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess

from .errors import ScenarioError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 3
# "FILE:LINE:COLUMN: error: key 'KEY': found FOUND; expected EXPECTED" (engine/core/error.cpp)
_MESSAGE = re.compile(r"^(?:osteon sweep: )?(?P<file>.*?)(?::(?P<line>\d+):(?P<column>\d+))?: error: "
                      r"(?:key '(?P<key>[^']*)': )?(?:found (?P<found>.*?); expected (?P<expected>.*))?", re.S)


class SweepError(RuntimeError):
    """``osteon sweep`` stopped without a complete file: interrupted (``exit_code`` 3, continue
    with ``resume=True``) or an internal failure (1)."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self):
        return (type(self), (str(self), self.exit_code))


def executable() -> pathlib.Path:
    """The ``osteon`` executable: ``$OSTEON_BINARY``, else ``bin/osteon`` of the build that made
    the extension (or ``$OSTEON_BUILD_DIR``, or ``<repository>/build``), else ``osteon`` on PATH."""
    if os.environ.get("OSTEON_BINARY"):
        return pathlib.Path(os.environ["OSTEON_BINARY"])
    candidates = []
    try:
        from . import _core
        candidates.append(pathlib.Path(_core.__file__).resolve().parents[2] / "bin" / "osteon")
    except ImportError:
        pass
    from ._native import build_directories
    candidates += [d / "bin" / "osteon" for d in build_directories()]
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c
    found = shutil.which("osteon")
    if found:
        return pathlib.Path(found)
    raise FileNotFoundError("the osteon executable was not found (looked in " + ", ".join(map(str, candidates))
                            + " and on PATH); build it with `make build` or set OSTEON_BINARY")


def scenario_error(stderr: str) -> ScenarioError:
    """A ScenarioError from the message the executable printed."""
    text = stderr.strip().splitlines()[-1] if stderr.strip() else "osteon sweep: bad input"
    m = _MESSAGE.match(text)
    if not m:
        return ScenarioError(text)
    return ScenarioError(text, m["file"] or "", int(m["line"] or 0), int(m["column"] or 0), m["key"] or "",
                         m["found"] or "", m["expected"] or "")


def sweep(sweep_file: str | os.PathLike, output: str | os.PathLike, threads: int | None = None,
          integrator: str | None = None, rtol: float | None = None, atol: float | None = None,
          resume: bool = False, force: bool = False, quiet: bool = True):
    """Runs a sweep file (``osteon sweep SWEEP.yaml -o OUTPUT``) and opens the result.

    Parameters
    ----------
    sweep_file : path
        The sweep (base scenario, factors, design, metrics; docs/sweeps.md).
    output : path
        The HDF5 file to write (built as ``OUTPUT.partial`` and renamed when complete).
    threads, integrator, rtol, atol :
        As the command's options.
    resume : bool
        Continue an interrupted sweep from ``OUTPUT.partial``.
    force : bool
        Replace an existing output.
    quiet : bool
        No progress bar or tables on the terminal (default).

    Returns
    -------
    xarray.Dataset
        The output file opened with :func:`osteon.open` (factors and metrics along ``run``;
        the ``sensitivity`` group opens with ``osteon.open(output, group="sensitivity")`` and
        plots with :func:`osteon.plot.sensitivity`).
    """
    from .output_file import open_output

    args = [str(executable()), "sweep", os.fspath(sweep_file), "-o", os.fspath(output)]
    if threads is not None:
        args += ["--threads", str(int(threads))]
    if integrator is not None:
        args += ["--integrator", str(integrator)]
    if rtol is not None:
        args += ["--rtol", repr(float(rtol))]
    if atol is not None:
        args += ["--atol", repr(float(atol))]
    args += [flag for flag, on in (("--resume", resume), ("--force", force), ("--quiet", quiet)) if on]
    done = subprocess.run(args, capture_output=quiet, text=True, check=False)
    stderr = done.stderr or ""
    if done.returncode == EXIT_BAD_INPUT:
        raise scenario_error(stderr)
    if done.returncode == EXIT_INTERRUPTED:
        raise SweepError(f"osteon sweep was interrupted; finished runs are kept in {os.fspath(output)}.partial "
                         "(call again with resume=True)", done.returncode)
    if done.returncode != EXIT_OK:
        raise SweepError(f"osteon sweep failed (exit {done.returncode}): {stderr.strip()}", done.returncode)
    return open_output(output)
