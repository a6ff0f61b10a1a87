"""Several scenarios side by side at chosen times: :func:`compare`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from ._native import core
from .errors import ScenarioError
from .result import Result
from .scenario import Scenario, as_scenario
from .simulation import run
from .units import to_unit


def compare(scenarios: Mapping[str, Scenario] | Iterable[Scenario | str | os.PathLike],
            at: Sequence[str | float] | str | float, variables: Sequence[str] | None = None,
            threads: int | None = None, integrator: str | None = None, uncertainty: int | None = None,
            seed: int = 1, level: float = 90.0):
    """Runs several scenarios and tabulates chosen variables at chosen times.

    Parameters
    ----------
    scenarios : mapping or iterable
        ``{label: scenario}``, or scenarios (or scenario files) labelled by their names.
    at : list of times
        E.g. ``["1 y", "2 y"]``; every time needs its unit, as in scenario files (a bare number
        raises :class:`osteon.ScenarioError`, as ``osteon compare --at 1`` exits 2). Each scenario is run with exactly these
        output times (``output.times``), so the values are the integrator's own, not interpolated.
        Every time must lie within each scenario's duration.
    variables : list of str, optional
        Output variables; default each scenario's own output variables.
    uncertainty : int, optional
        Also run this many members of the model's parameter ensemble per scenario (as
        ``osteon compare --uncertainty N``; docs/models/integrated.md, "Uncertainty") and add, per
        variable ``v``, the columns ``v_median``, ``v_lower`` and ``v_upper``: the median and the
        ``level`` % band over the members that ran. The same seed gives the same numbers as the CLI.
    seed : int
        Seed of the ensemble (default 1).
    level : float
        Width of the band in percent, strictly between 0 and 100 (default 90: 5th to 95th percentile).

    Returns
    -------
    pandas.DataFrame
        Index ``(scenario, run, at)`` (``at`` as given), one column per variable; units in
        ``df.attrs["units"]``. Failed runs hold NaN. With ``uncertainty``, ``df.attrs["uncertainty"]``
        holds members, seed, level and the failed members per scenario (left out of the bands).
    """
    import pandas as pd

    if isinstance(at, (str, int, float)):
        at = [at]
    at = list(at)
    if not at:
        raise ValueError("compare needs at least one time in `at`")
    for i, a in enumerate(at):
        if not isinstance(a, str):
            # a bare 1 could mean a day or a year; times carry their unit everywhere else
            raise ScenarioError(f"osteon.compare: error: key 'at[{i}]': found {a!r} (a number without a unit); "
                                f"expected a time with its unit, e.g. '{a!r} d' or '{a!r} y'",
                                file="osteon.compare", key=f"at[{i}]", found=repr(a),
                                expected="a time with its unit, e.g. '1 y'")
    if isinstance(scenarios, (str, os.PathLike, Scenario)):
        scenarios = [scenarios]  # one scenario, not a sequence of characters
    if isinstance(scenarios, Mapping):
        labelled = [(str(label), as_scenario(s)) for label, s in scenarios.items()]
    else:
        labelled = [(s.name, s) for s in map(as_scenario, scenarios)]
    labels = [label for label, _ in labelled]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise ValueError(f"several scenarios are named {', '.join(duplicates)}; pass a dict {{label: scenario}}")

    output = {"times": list(at)}
    if variables is not None:
        output["variables"] = list(variables)
    if uncertainty is not None:
        if isinstance(uncertainty, bool) or not isinstance(uncertainty, (int, np.integer)) or uncertainty < 2:
            # one member has no spread: its "band" would be a line through itself
            raise ValueError(f"uncertainty must be a whole number of members, at least 2, not {uncertainty!r}")
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed must be a whole number >= 0, not {seed!r}")
        if not 0.0 < float(level) < 100.0:
            raise ValueError(f"level must lie strictly between 0 and 100 (percent), not {level!r}")
    q_low = 0.5 * (100.0 - float(level))
    at_days = [to_unit(a, "d") for a in at]
    frames, units, failed = [], {}, {}
    for label, scenario in labelled:
        changed = scenario.with_changes(output=output)
        if uncertainty is None:
            result = run(changed, threads=threads, integrator=integrator)
        else:
            raw = core().run_uncertainty(changed.text, changed.source, int(uncertainty), int(seed), threads or 0,
                                         integrator, None, None, f"osteon.compare({changed.source}, uncertainty) from Python")
            result = Result(changed, raw)
            ok = result.status[1:] == 0
            failed[label] = [int(m) + 1 for m in np.flatnonzero(~ok)]
            members = result.values[1:][ok]
            if members.shape[0]:
                quantiles = np.percentile(members, [50.0, q_low, 100.0 - q_low], axis=0)
            else:
                quantiles = np.full((3,) + result.values.shape[1:], np.nan)
            point = result.values[:1]
            extra = [quantiles[j][None] for j in range(3)]
            result.values = np.concatenate([point] + extra, axis=1)
            base = list(result.variables)
            for suffix in ("_median", "_lower", "_upper"):
                for name in base:
                    result.units[name + suffix] = result.units[name]
            result.variables = base + [n + s for s in ("_median", "_lower", "_upper") for n in base]
            result.status = result.status[:1]
        shown = list(variables) if variables is not None else None
        if shown is not None and uncertainty is not None:
            shown += [v + s for v in variables for s in ("_median", "_lower", "_upper")]
        columns = [i for i, name in enumerate(result.variables) if shown is None or name in shown]
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
        frame = frame[list(variables) if uncertainty is None else
                      [v + s for v in variables for s in ("", "_median", "_lower", "_upper")]]
    frame.attrs["units"] = units
    if uncertainty is not None:
        frame.attrs["uncertainty"] = dict(members=int(uncertainty), seed=int(seed), level=float(level),
                                          failed_members=failed)
    return frame
