"""Parameter sweeps from Python: :func:`sweep` runs a sweep file (docs/sweeps.md) into its
output file and opens it.

The engine behind ``osteon sweep`` does the work (designs, metrics, Sobol/Morris analysis,
resumable files), called through the compiled extension, so a sweep from Python gives the same
file as one from the shell. Bad input raises :class:`osteon.ScenarioError` with the file, line
and key; an interrupted sweep (Ctrl-C) and an internal failure (or every run failed) raise
:class:`SweepError` with the exit code the command would have given (3 and 1).
"""

from __future__ import annotations

import os

from ._native import core
from .errors import ScenarioError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 3


class SweepError(RuntimeError):
    """The sweep stopped without a complete file: interrupted (``exit_code`` 3, continue with
    ``resume=True``) or an internal failure (1)."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self):
        return (type(self), (str(self), self.exit_code))


def sweep(sweep_file: str | os.PathLike, output: str | os.PathLike, threads: int | None = None,
          integrator: str | None = None, rtol: float | None = None, atol: float | None = None,
          resume: bool = False, force: bool = False, quiet: bool = True):
    """Runs a sweep file (as ``osteon sweep SWEEP.yaml -o OUTPUT``) and opens the result.

    Parameters
    ----------
    sweep_file : path
        The sweep (base scenario, factors, design, metrics; docs/sweeps.md).
    output : path
        The HDF5 file to write (built as ``OUTPUT.partial`` and renamed when complete).
    threads, integrator, rtol, atol :
        As the command's options (threads=None: every core).
    resume : bool
        Continue an interrupted sweep from ``OUTPUT.partial``.
    force : bool
        Replace an existing output.
    quiet : bool
        No progress lines (on stderr) or tables (on stdout) (default).

    Returns
    -------
    xarray.Dataset
        The output file opened with :func:`osteon.open` (factors and metrics along ``run``;
        the ``sensitivity`` group opens with ``osteon.open(output, group="sensitivity")`` and
        plots with :func:`osteon.plot.sensitivity`).
    """
    from .output_file import open_output

    out = os.fspath(output)
    try:
        r = core().sweep(os.fspath(sweep_file), out, threads=0 if threads is None else int(threads),
                         integrator=integrator, rtol=None if rtol is None else float(rtol),
                         atol=None if atol is None else float(atol), resume=bool(resume), force=bool(force),
                         quiet=bool(quiet))
    except ScenarioError:
        raise
    except (RuntimeError, OSError) as error:  # HDF5, disk full, a worker that could not start
        raise SweepError(f"osteon.sweep failed: {error}", EXIT_INTERNAL) from error
    if r["outcome"] == "interrupted":
        raise SweepError(f"osteon.sweep was interrupted; {r['kept']} of {r['n_runs']} runs are kept in "
                         f"{out}.partial (call again with resume=True)", EXIT_INTERRUPTED)
    if r["outcome"] == "complete":
        if not quiet:
            print(f"  {r['computed']} run(s) computed in {r['seconds']:.3g} s\n{r['summary']}{r['sensitivity']}"
                  f"  wrote {out}")
        if r["ok"] == 0:
            raise SweepError(f"osteon.sweep: every one of the {r['n_runs']} runs failed (see status_message in {out})",
                             EXIT_INTERNAL)
    return open_output(output)
