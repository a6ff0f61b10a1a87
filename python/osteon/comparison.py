"""Several scenarios side by side at chosen times: :func:`compare`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .scenario import Scenario, as_scenario
from .simulation import run
from .units import to_unit


def compare(scenarios: Mapping[str, Scenario] | Iterable[Scenario | str | os.PathLike],
            at: Sequence[str | float] | str | float, variables: Sequence[str] | None = None,
            threads: int | None = None, integrator: str | None = None):
    """Runs several scenarios and tabulates chosen variables at chosen times.

    Parameters
    ----------
    scenarios : mapping or iterable
        ``{label: scenario}``, or scenarios (or scenario files) labelled by their names.
    at : list of times
        E.g. ``["1 y", "2 y"]``; bare numbers are days. Each scenario is run with exactly these
        output times (``output.times``), so the values are the integrator's own, not interpolated.
        Every time must lie within each scenario's duration.
    variables : list of str, optional
        Output variables; default each scenario's own output variables.

    Returns
    -------
    pandas.DataFrame
        Index ``(scenario, run, at)`` (``at`` as given), one column per variable; units in
        ``df.attrs["units"]``. Failed runs hold NaN.
    """
    import pandas as pd

    if isinstance(at, (str, int, float)):
        at = [at]
    at = list(at)
    if not at:
        raise ValueError("compare needs at least one time in `at`")
    if isinstance(scenarios, Mapping):
        labelled = [(str(label), as_scenario(s)) for label, s in scenarios.items()]
    else:
        labelled = [(s.name, s) for s in map(as_scenario, scenarios)]
    labels = [label for label, _ in labelled]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise ValueError(f"several scenarios are named {', '.join(duplicates)}; pass a dict {{label: scenario}}")

    # Scenario files need a unit on every time; this API documents bare numbers as days.
    output = {"times": [a if isinstance(a, str) else f"{float(a)!r} d" for a in at]}
    if variables is not None:
        output["variables"] = list(variables)
    at_days = [to_unit(a, "d") for a in at]
    frames, units = [], {}
    for label, scenario in labelled:
        result = run(scenario.with_changes(output=output), threads=threads, integrator=integrator)
        columns = [i for i, name in enumerate(result.variables) if variables is None or name in variables]
        time_index = [int(np.argmin(np.abs(result.times - d))) for d in at_days]
        rows, keys = [], []
        for r in range(result.n_runs):
            for a, t in zip(at, time_index):
                keys.append((label, r, a))
                rows.append(result.values[r, columns, t])
        names = [result.variables[i] for i in columns]
        frames.append(pd.DataFrame(np.array(rows), index=pd.MultiIndex.from_tuples(keys, names=["scenario", "run", "at"]),
                                   columns=names))
        units.update({n: result.units[n] for n in names})
    frame = pd.concat(frames)
    if variables is not None:
        frame = frame[list(variables)]
    frame.attrs["units"] = units
    return frame
