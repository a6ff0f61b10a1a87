"""Running scenarios from Python: :func:`run`."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping

from ._native import core
from .errors import ValidityWarning
from .result import Result
from .scenario import Scenario, as_scenario


def run(scenario: Scenario | str | os.PathLike | Mapping, threads: int | None = None,
        integrator: str | None = None, rtol: float | None = None, atol: float | None = None) -> Result:
    """Runs a scenario (every run of an ensemble) and returns the trajectories in memory.

    Parameters
    ----------
    scenario : Scenario, path or dict
        What to run; a path or dict is read with :meth:`Scenario.from_yaml` / :meth:`Scenario.from_dict`.
    threads : int, optional
        Worker threads for the runs of an ensemble; default every core. The numbers do not
        depend on it.
    integrator : str, optional
        ``"dopri5"`` (default), ``"rosenbrock"``, ``"odeint-dopri5"`` or ``"odeint-rosenbrock4"``;
        overrides the scenario's ``solver.method``, as ``osteon run --integrator``.
    rtol, atol : float, optional
        Override the scenario's tolerances, as ``--rtol``/``--atol``.

    Returns
    -------
    Result
        Identical numbers to the HDF5 file ``osteon run`` writes for the same scenario and options.

    The engine runs with the GIL released, so other Python threads (dask's threaded scheduler,
    a notebook) keep working meanwhile. Raises :class:`osteon.ScenarioError` for bad input.
    A run that fails (a population going negative, a step-size underflow) does not raise: its
    ``status`` is 1 and its message says why (see :attr:`Result.messages`).
    """
    s = as_scenario(scenario)
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive integer or None, not {threads!r}")
    raw = core().run(s.text, s.source, threads or 0, integrator, rtol, atol,
                     f"osteon.run({s.source}) from Python")
    warn_validity(s, raw)
    return Result(s, raw)


def warn_validity(scenario: Scenario, raw) -> None:
    """Issues the engine's validity warnings (what ``osteon run`` prints on stderr) as
    :class:`osteon.ValidityWarning`; they stay in ``Result.attrs["validity_warnings"]`` too."""
    for sentence in raw.get("warnings", []):
        warnings.warn(f"{scenario.source}: {sentence}", ValidityWarning, stacklevel=3)
