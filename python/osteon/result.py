"""The result of :func:`osteon.run`: every run's trajectories in memory, with names, units and
the scenario that made them, convertible to xarray and pandas."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._native import core
from .scenario import Scenario

STATUS_OK, STATUS_FAILED, STATUS_NOT_RUN = 0, 1, 2


class Result:
    """Trajectories of one scenario's runs.

    Attributes
    ----------
    scenario : Scenario
        What was run.
    times : numpy.ndarray
        Output times in days, shape ``(time,)``.
    variables : list[str]
        Output variable names (states, then observables), in file order.
    units, long_names : dict[str, str]
        Per variable.
    values : numpy.ndarray
        ``[run, variable, time]``, float64; failed runs hold NaN (as in the HDF5 file).
    status : numpy.ndarray
        ``(run,)`` int8: 0 ok, 1 failed, 2 not run.
    messages : list[str]
        Why each run failed; empty where ok.
    factors : dict[str, dict]
        Per-run inputs of an ensemble: ``{name: {"values": array, "units": str, "long_name": str}}``.
    attrs : dict
        The global attributes an HDF5 file of the same run carries (model, scenario, settings, ...).

    visit_times : numpy.ndarray
        With monitoring visits: their times in days, shape ``(visit,)``; else empty.
    measured : dict[str, numpy.ndarray]
        What the visits measured (``"t_score_total_hip"``, ``"bmd_total_hip_change"``, ``"ctx_change"``, ...),
        each ``[run, visit]``, with the scan's measurement error; NaN where a visit was not reached.
    decisions : list[list[dict]]
        Per run, the decisions of its rules in time order: ``{"time": days, "rule": name, "action": words}``.

    ``result["OC"]`` is one variable as a ``[run, time]`` array.
    """

    def __init__(self, scenario: Scenario, raw: dict[str, Any]):
        self.scenario = scenario
        self.times = np.asarray(raw["times"], dtype=np.float64)
        self.variables = list(raw["names"])
        self.units = dict(zip(self.variables, raw["units"]))
        self.long_names = dict(zip(self.variables, raw["long_names"]))
        self.values = np.asarray(raw["values"], dtype=np.float64)
        self.status = np.asarray(raw["status"], dtype=np.int8)
        self.status_meanings = str(raw.get("status_meanings", "ok failed not_run"))
        self.messages = [str(m) for m in raw["messages"]]
        self.factors = {f["name"]: {"values": np.asarray(f["values"], dtype=np.float64), "units": f["units"],
                                    "long_name": f["long_name"]} for f in raw["factors"]}
        self.attrs = dict(raw["attrs"])
        pw = raw.get("pathway")
        self.visit_times = np.asarray(pw["visit_times"] if pw else [], dtype=np.float64)
        self.measured = {}
        self.decisions = [[] for _ in range(self.values.shape[0])]
        self._pathway = pw
        if pw:
            m = np.asarray(pw["measured"], dtype=np.float64)
            self.measured = {name: m[:, :, i] for i, name in enumerate(pw["measure_names"])}
            self.decisions = [[{"time": float(t), "rule": pw["rule_names"][k], "action": pw["rule_actions"][k]}
                               for (t, k) in run] for run in pw["decisions"]]

    @property
    def n_runs(self) -> int:
        return int(self.values.shape[0])

    @property
    def ok(self) -> bool:
        """True when every run succeeded."""
        return bool(np.all(self.status == STATUS_OK))

    def __getitem__(self, name: str) -> np.ndarray:
        try:
            index = self.variables.index(name)
        except ValueError:
            raise KeyError(f"no variable {name!r} in this result; it has {', '.join(self.variables)}") from None
        return self.values[:, index, :]

    def __contains__(self, name: str) -> bool:
        return name in self.variables

    def to_xarray(self):
        """An :class:`xarray.Dataset` laid out as the HDF5 file of ``osteon run`` (docs/sweeps.md, "The output file"):
        one variable per output with dims ``(run, time)`` and ``units``/``long_name`` attributes,
        ensemble factors as coordinates along ``run``, ``status`` and ``status_message``, and the
        file's global attributes."""
        import xarray as xr

        n = core().schema  # the names of the HDF5 files (engine/output/output_schema.hpp)
        time, run = n["time"], n["run"]
        coords = {
            time: (time, self.times, {n["units"]: n["time_units"], n["long_name"]: n["time_long_name"],
                                      n["axis"]: n["time_axis"]}),
            run: (run, np.arange(self.n_runs, dtype=np.int64), {n["long_name"]: n["run_long_name"]}),
        }
        for name, f in self.factors.items():
            coords[name] = (run, f["values"], {n["units"]: f["units"], n["long_name"]: f["long_name"]})
        data = {name: ((run, time), self.values[:, i, :],
                       {n["units"]: self.units[name], n["long_name"]: self.long_names[name]})
                for i, name in enumerate(self.variables)}
        data[n["status"]] = (run, self.status, {
            n["long_name"]: n["status_long_name"], n["flag_values"]: np.array([0, 1, 2], dtype=np.int8),
            n["flag_meanings"]: self.status_meanings})
        data[n["status_message"]] = (run, np.array(self.messages, dtype=object),
                                     {n["long_name"]: n["status_message_long_name"]})
        pw = self._pathway
        if pw:
            # The care-pathway datasets of the HDF5 file (docs/pathways.md, "In the output file").
            coords["visit"] = ("visit", self.visit_times, {"units": "d", "long_name": "time of a monitoring visit since scenario start"})
            for i, name in enumerate(pw["measure_names"]):
                data["measured_" + name] = (("run", "visit"), self.measured[name],
                                            {"units": pw["measure_units"][i], "long_name": pw["measure_long_names"][i]})
            nd = max([len(r) for r in pw["decisions"]] + [0])
            times = np.full((self.n_runs, nd), np.nan)
            rules = np.full((self.n_runs, nd), -1.0)
            for r, run in enumerate(pw["decisions"]):
                for j, (t, k) in enumerate(run):
                    times[r, j], rules[r, j] = t, k
            coords["decision"] = ("decision", np.arange(nd, dtype=np.int64))
            coords["rule"] = ("rule", np.arange(len(pw["rule_names"]), dtype=np.int64))
            data["decision_time"] = (("run", "decision"), times, {"units": "d"})
            data["decision_rule"] = (("run", "decision"), rules, {"rule_names": " ".join(pw["rule_names"])})
            data["rule_name"] = ("rule", np.array(pw["rule_names"], dtype=object))
            data["rule_action"] = ("rule", np.array(pw["rule_actions"], dtype=object))
        return xr.Dataset(data, coords=coords, attrs=dict(self.attrs))

    def to_dataframe(self):
        """A :class:`pandas.DataFrame` indexed by ``(run, time)`` with one column per variable,
        followed by the ensemble factors (if any). Units are in ``df.attrs["units"]``."""
        import pandas as pd

        n = core().schema
        n_runs, n_times = self.n_runs, self.times.size
        index = pd.MultiIndex.from_arrays(
            [np.repeat(np.arange(n_runs), n_times), np.tile(self.times, n_runs)], names=[n["run"], n["time"]])
        columns = {name: self.values[:, i, :].reshape(-1) for i, name in enumerate(self.variables)}
        for name, f in self.factors.items():
            columns[name] = np.repeat(f["values"], n_times)
        frame = pd.DataFrame(columns, index=index)
        frame.attrs[n["units"]] = {**self.units, **{k: f["units"] for k, f in self.factors.items()},
                                   n["time"]: n["time_units"]}
        frame.attrs[n["model"]] = self.attrs.get(n["model"], "")
        frame.attrs["scenario"] = self.scenario.name
        return frame

    def __repr__(self):
        failed = int(np.sum(self.status != STATUS_OK))
        state = "all ok" if failed == 0 else f"{failed} failed"
        return (f"<osteon.Result {self.scenario.name!r}: {self.n_runs} run(s) x {len(self.variables)} variables x "
                f"{self.times.size} times, {state}>")
