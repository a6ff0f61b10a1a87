"""Figures of osteon results (matplotlib). Every function returns the
:class:`matplotlib.figure.Figure`; save it with ``fig.savefig("x.png")``.

- :func:`trajectories`: chosen variables over time, one panel each, one line per run.
- :func:`compare`: clinical scenarios of the ``integrated`` model side by side: BMD change per
  site, T-scores with the WHO classes shaded, and the bone-turnover markers CTX and P1NP.
- :func:`sensitivity`: Sobol indices with confidence intervals from a sweep file.
- :func:`save`: writes a figure to a PNG and closes it; in a Jupyter notebook also shows it.

Inputs may be an :class:`osteon.Result`, an :class:`xarray.Dataset` (e.g. from
:func:`osteon.open`) or the path of an osteon HDF5 file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import numpy as np

# Output names of the integrated model (docs/models/integrated.md, "Observables").
BMD_SITES = {"lumbar_spine": "lumbar spine", "total_hip": "total hip", "femoral_neck": "femoral neck"}
MARKERS = {"ctx_change": "CTX change (%)", "p1np_change": "P1NP change (%)"}
# WHO classification of the T-score (WHO 1994; Kanis 1994): normal T >= -1, osteopenia
# -2.5 < T < -1, osteoporosis T <= -2.5.
WHO_NORMAL, WHO_OSTEOPOROSIS = -1.0, -2.5
WHO_CLASSES = (("normal", "#d8efd3"), ("osteopenia", "#fbe9c6"), ("osteoporosis", "#f6d0cc"))


def _pyplot():
    # matplotlib picks a non-interactive backend by itself where there is no display;
    # notebooks and desktop sessions keep theirs.
    import matplotlib.pyplot as plt
    return plt


def save(fig, path: str | os.PathLike, dpi: int = 120) -> None:
    """Writes ``fig`` to ``path`` and closes it. In a Jupyter kernel the PNG file is also shown
    below the cell (the tutorials run both as scripts and as notebooks, docs/python.md)."""
    fig.savefig(path, dpi=dpi)
    _pyplot().close(fig)
    import sys
    if "ipykernel" in sys.modules:
        from IPython.display import Image, display
        display(Image(filename=os.fspath(path)))


def as_dataset(data):
    """An xarray Dataset from a Result, a Dataset or the path of an osteon HDF5 file (loaded
    into memory and closed)."""
    import xarray as xr

    if isinstance(data, xr.Dataset):
        return data
    if hasattr(data, "to_xarray"):
        return data.to_xarray()
    if isinstance(data, (str, os.PathLike)):
        from .output_file import open_output
        with open_output(data) as ds:
            return ds.load()
    raise TypeError(f"expected an osteon.Result, an xarray.Dataset or a file path, not {type(data).__name__}")


def output_variables(ds) -> list[str]:
    """Names of the (run, time) variables of an osteon dataset, in file order."""
    return [name for name, v in ds.data_vars.items() if v.dims == ("run", "time")]


def _label(ds, fallback: str) -> str:
    title = str(ds.attrs.get("title", ""))
    return title.split(":", 1)[0] if title else fallback


def _time_axis(ds):
    """Times in years for clinical horizons (over two years), else in days."""
    return _time_axis_of(np.asarray(ds["time"].values, dtype=float))


def _time_axis_of(t):
    if t.size and t[-1] > 730.0:
        return t / 365.25, "time (y)"
    return t, "time (d)"


def _run_label(ds, run: int) -> str | None:
    factors = [name for name, c in ds.coords.items() if c.dims == ("run",) and name != "run"]
    if not factors:
        return None if ds.sizes["run"] == 1 else f"run {run}"
    return ", ".join(_coordinate_text(f, ds[f].values[run]) for f in factors)


def _coordinate_text(name: str, value) -> str:
    """``name = value`` for a numeric run coordinate (a factor of a sweep); the bare text for a
    text coordinate (the ``scenario`` names of ``osteon compare -o``)."""
    if isinstance(value, bytes):
        value = value.decode()
    if isinstance(value, str):
        return value
    return f"{name} = {float(value):.4g}"


def _chosen_variables(ds, variables, none_message: str) -> list[str]:
    """`variables` (a list, or "a,b"; all when None), each checked against the file."""
    available = output_variables(ds)
    if variables is None:
        variables = available
    elif isinstance(variables, str):
        variables = [v for v in variables.split(",") if v]
    missing = [v for v in variables if v not in available]
    if missing:
        raise KeyError(f"not in this result: {', '.join(missing)}; it has {', '.join(available)}")
    if not variables:
        raise ValueError(none_message)
    return list(variables)


def trajectories(result, variables: Sequence[str] | str | None = None, max_runs: int = 50):
    """One panel per variable against time, one line per run (up to `max_runs`).

    Panels are labelled ``name (unit)`` on the y axis, with the long name as the title; the x
    axis is ``time (d)``, or ``time (y)`` beyond two years. Unknown variables raise KeyError.
    """
    plt = _pyplot()
    ds = as_dataset(result)
    variables = _chosen_variables(ds, variables, "no variables to plot")
    t, t_label = _time_axis(ds)
    n_runs = ds.sizes["run"]
    fig, axes = plt.subplots(len(variables), 1, sharex=True, squeeze=False,
                             figsize=(7.0, 1.2 + 2.0 * len(variables)), constrained_layout=True)
    for ax, name in zip(axes[:, 0], variables):
        v = ds[name]
        for run in range(min(n_runs, max_runs)):
            ax.plot(t, v.isel(run=run).values, lw=1.4 if n_runs == 1 else 1.0, label=_run_label(ds, run))
        unit = v.attrs.get("units", "")
        ax.set_ylabel(f"{name} ({unit})" if unit and unit != "1" else name)
        ax.set_title(v.attrs.get("long_name", name), fontsize=9, loc="left")
        ax.grid(alpha=0.3)
    axes[-1, 0].set_xlabel(t_label)
    if 1 < n_runs <= 10:
        axes[0, 0].legend(fontsize=7)
    fig.suptitle(_label(ds, "osteon"), fontsize=10)
    return fig


def _factor_text(ds, name: str, value) -> str:
    unit = ds[name].attrs.get("units", "")
    unit = unit.decode() if isinstance(unit, bytes) else str(unit)
    return f"{name} = {float(value):.4g}" + (f" {unit}" if unit and unit != "1" else "")


def grid(result, variables: Sequence[str] | str | None = None, max_columns: int = 12):
    """A grid sweep (design ``grid``) as small multiples: one column per level of the first
    factor, one row per variable, one line per combination of the other factors, every panel
    titled with its factor value and every line labelled with its own (issue 19: beyond ten
    runs, the trajectory plot named no factor at all)."""
    plt = _pyplot()
    ds = as_dataset(result)
    factors = [name for name, c in ds.coords.items() if c.dims == ("run",) and name != "run"
               and np.issubdtype(np.asarray(c.values).dtype, np.number)]
    declared = ds.attrs.get("sweep_factors", "")  # the sweep file's order (coordinates come sorted)
    declared = declared.decode() if isinstance(declared, bytes) else str(declared)
    order = [f for f in declared.splitlines() if f in factors]
    factors = order + [f for f in factors if f not in order]
    if not factors:
        raise ValueError("not a sweep file: no factor values along run")
    variables = _chosen_variables(ds, variables,
                                  "no trajectories in this sweep file (outputs: was empty); plot its indices or metrics")
    first = np.asarray(ds[factors[0]].values, dtype=float)
    levels = list(dict.fromkeys(first.tolist()))
    if len(levels) > max_columns:
        raise ValueError(f"{factors[0]} has {len(levels)} levels; at most {max_columns} panels side by side "
                         "(plot chosen runs with osteon.plot.trajectories)")
    t, t_label = _time_axis(ds)
    fig, axes = plt.subplots(len(variables), len(levels), sharex=True, sharey="row", squeeze=False,
                             figsize=(2.0 + 3.0 * len(levels), 1.2 + 2.2 * len(variables)), constrained_layout=True)
    for col, level in enumerate(levels):
        runs = [r for r in range(ds.sizes["run"]) if first[r] == level]
        for row, name in enumerate(variables):
            ax = axes[row, col]
            v = ds[name]
            for r in runs:
                label = ", ".join(_factor_text(ds, f, ds[f].values[r]) for f in factors[1:]) or None
                ax.plot(t, v.isel(run=r).values, lw=1.0, label=label)
            if row == 0:
                ax.set_title(_factor_text(ds, factors[0], level), fontsize=9)
            if col == 0:
                unit = v.attrs.get("units", "")
                ax.set_ylabel(f"{name} ({unit})" if unit and unit != "1" else name)
            ax.grid(alpha=0.3)
        if len(factors) > 1 and len(runs) <= 12:
            axes[0, col].legend(fontsize=6)
    for ax in axes[-1, :]:
        ax.set_xlabel(t_label)
    fig.suptitle(_label(ds, "osteon"), fontsize=10)
    return fig


def _shade_who_classes(ax, low: float, high: float):
    bands = ((WHO_NORMAL, max(high, WHO_NORMAL + 0.5)), (WHO_OSTEOPOROSIS, WHO_NORMAL),
             (min(low, WHO_OSTEOPOROSIS - 0.5), WHO_OSTEOPOROSIS))
    for (bottom, top), (name, colour) in zip(bands, WHO_CLASSES):
        ax.axhspan(bottom, top, color=colour, zorder=0, label=name)


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _arrays_from_file(path, wanted: list[str]):
    """(title, scenario names or None, time in days, {variable: [run, time]}) of an osteon file,
    read with h5py: the variables compare() draws, without loading xarray (~0.5 s of imports
    that `make demo` would pay)."""
    import h5py

    with h5py.File(path, "r") as f:
        if "time" not in f or "run" not in f:
            raise ValueError(f"{os.fspath(path)}: no (run, time) variables: not an output file of osteon run, "
                             "sweep or compare")
        if _text(f["time"].attrs.get("units", "d")) != "d":
            raise ValueError(f"{os.fspath(path)}: time in '{_text(f['time'].attrs.get('units'))}', expected 'd'")
        values = {v: np.asarray(f[v][()], dtype=float) for v in wanted if v in f and f[v].ndim == 2}
        names = [_text(n) for n in f["scenario"][()]] if "scenario" in f else None
        bands = {k: f.attrs[k] for k in ("uncertainty_level", "uncertainty_members") if k in f.attrs}
        return _text(f.attrs.get("title", "")), names, np.asarray(f["time"][()], dtype=float), values, bands


def _arrays_from_dataset(ds, wanted: list[str]):
    names = None
    if "scenario" in ds.variables and ds["scenario"].dims == ("run",):
        names = [_text(n) for n in np.asarray(ds["scenario"].values).ravel()]
    values = {v: np.asarray(ds[v].values, dtype=float) for v in wanted if v in ds and ds[v].dims == ("run", "time")}
    bands = {k: ds.attrs[k] for k in ("uncertainty_level", "uncertainty_members") if k in ds.attrs}
    return str(ds.attrs.get("title", "")), names, np.asarray(ds["time"].values, dtype=float), values, bands


def _compare_items(results, wanted: list[str]) -> tuple[list[tuple[str, np.ndarray, dict]], dict]:
    """(label, time in days, {variable: [run, time]}) per scenario, and the ensemble's level and
    size where a result has uncertainty bands (``VAR_lower``/``VAR_upper``). A file written by
    ``osteon compare -o`` holds one run per scenario, named by the text coordinate ``scenario``
    along run: each becomes its own labelled item (own colour)."""
    if isinstance(results, Mapping) and not hasattr(results, "data_vars"):  # a Dataset is a Mapping too
        given = [(str(k), v, True) for k, v in results.items()]
    elif isinstance(results, (str, os.PathLike)) or not isinstance(results, Sequence):
        # one result (a file path, Result or Dataset), not a sequence of them: a path string
        # would otherwise be iterated character by character
        given = [(results.scenario.name if hasattr(results, "scenario") else None, results, False)]
    else:
        given = [(r.scenario.name if hasattr(r, "scenario") else None, r, False) for r in results]
    items, bands = [], {}
    wanted = wanted + [f"{v}_{side}" for v in wanted for side in ("lower", "upper")]
    for i, (label, data, labelled) in enumerate(given):
        if isinstance(data, (str, os.PathLike)):
            title, names, time, values, attrs = _arrays_from_file(data, wanted)
        else:
            title, names, time, values, attrs = _arrays_from_dataset(as_dataset(data), wanted)
        if any(v.endswith(("_lower", "_upper")) for v in values):
            bands = bands or dict(attrs)
        if label is None:
            label = title.split(":", 1)[0] if title else f"scenario {i + 1}"
        runs = next(iter(values.values())).shape[0] if values else 1
        if names is not None and runs >= 2 and len(names) == runs:
            items += [(name, time, {v: a[[k]] for v, a in values.items()}) for k, name in enumerate(names)]
        else:
            items.append((label, time, values))
    return items, bands


def compare(results: Mapping[str, object] | Sequence[object]):
    """Clinical scenarios side by side (variables of the ``integrated`` model, docs/models/integrated.md, "Observables").

    Rows: BMD change from baseline (%) at the lumbar spine, total hip and femoral neck; T-scores
    at the same sites with the WHO classes shaded (normal T >= -1, osteopenia -2.5 < T < -1,
    osteoporosis T <= -2.5); the resorption marker CTX and the formation marker P1NP (% change).
    One colour per scenario. A file of ``osteon compare --uncertainty`` (variables ``VAR_lower`` and
    ``VAR_upper``) shows each scenario's band of the parameter ensemble shaded around its line.
    `results` is ``{label: result}`` or a list (labelled by scenario
    name); a result is an :class:`osteon.Result`, an :class:`xarray.Dataset` or a file path.
    Panels whose variable no result has are left empty with a note; if none has any,
    ValueError.
    """
    panels = ([(f"bmd_{site}_change", f"BMD change, {name}", "BMD change (%)") for site, name in BMD_SITES.items()]
              + [(f"t_score_{site}", f"T-score, {name}", "T-score") for site, name in BMD_SITES.items()]
              + [(var, label.split(" (")[0], label) for var, label in MARKERS.items()])
    wanted = [p[0] for p in panels]
    items, bands = _compare_items(results, wanted)
    if not items:
        raise ValueError("compare needs at least one result")
    if not any(v in values for _, _, values in items for v in wanted):
        raise ValueError("none of the results has the integrated model's outputs (" + ", ".join(wanted) + ")")
    plt = _pyplot()
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    # Fixed margins rather than constrained layout: the layout pass measures every text and
    # doubled the drawing time of this figure.
    fig, axes = plt.subplots(3, 3, figsize=(13.0, 9.5))
    fig.subplots_adjust(left=0.06, right=0.985, bottom=0.06, top=0.925, wspace=0.25, hspace=0.38)
    flat = axes.reshape(-1)
    for ax, (var, title, ylabel) in zip(flat, panels):
        ax.set_title(title, fontsize=10)
        ax.set_ylabel(ylabel)
        present = [(label, values) for label, _, values in items if var in values]
        if not present:
            ax.text(0.5, 0.5, f"{var}\nnot in these results", ha="center", va="center", transform=ax.transAxes,
                    fontsize=8, color="0.4")
            continue
        low, high = np.inf, -np.inf
        for k, (label, time, values) in enumerate(items):
            if var not in values:
                continue
            t, t_label = _time_axis_of(time)
            runs = values[var]
            if f"{var}_lower" in values and f"{var}_upper" in values:
                lower, upper = values[f"{var}_lower"], values[f"{var}_upper"]
                for run in range(lower.shape[0]):
                    ax.fill_between(t, lower[run], upper[run], color=colours[k % len(colours)], alpha=0.18, lw=0)
                for band in (lower, upper):
                    if np.isfinite(band).any():
                        low, high = min(low, np.nanmin(band)), max(high, np.nanmax(band))
            for run in range(runs.shape[0]):
                ax.plot(t, runs[run], color=colours[k % len(colours)], lw=1.5 if runs.shape[0] == 1 else 0.8,
                        label=label if run == 0 else None)
            if np.isfinite(runs).any():
                low, high = min(low, np.nanmin(runs)), max(high, np.nanmax(runs))
            ax.set_xlabel(t_label)
        if var.startswith("t_score") and np.isfinite(low):
            _shade_who_classes(ax, low - 0.3, high + 0.3)
            ax.set_ylim(low - 0.3, high + 0.3)
        elif var.endswith("_change"):
            ax.axhline(0.0, color="0.5", lw=0.8)
        ax.grid(alpha=0.3)
    legend_ax = flat[-1]
    legend_ax.axis("off")
    handles = [plt.Line2D([], [], color=colours[k % len(colours)], lw=2, label=label)
               for k, (label, _, _) in enumerate(items)]
    if bands:
        handles.append(plt.Rectangle((0, 0), 1, 1, color="0.5", alpha=0.3,
                                     label=f"{float(bands.get('uncertainty_level', 90)):g} % band, "
                                           f"{bands.get('uncertainty_members', '?')}-member parameter ensemble"))
    handles += [plt.Rectangle((0, 0), 1, 1, color=colour, label=f"WHO: {name}") for name, colour in WHO_CLASSES]
    legend_ax.legend(handles=handles, loc="center", fontsize=9, frameon=False)
    fig.suptitle("Scenarios compared (research and teaching tool, not medical advice)", fontsize=11)
    return fig


def read_sensitivity(path: str | os.PathLike) -> dict:
    """Reads the ``sensitivity`` group of a sweep file (written by ``osteon sweep``).

    Layout assumed (HDF5)::

        /sensitivity                 group; attrs method = "sobol" | "morris", confidence_level (e.g. 0.95)
        /sensitivity/metric (metric)   strings: summary metric names (dimension scale)
        /sensitivity/factor (factor)   strings: factor names (dimension scale)
        sobol:  S1, S1_conf, ST, ST_conf   float64 [metric, factor]: first-order and total
                indices and the half-widths of their confidence intervals
        morris: mu_star, mu_star_conf, sigma   float64 [metric, factor]; metric_units (metric)

    A group without ``method`` is read as Sobol. Returns a dict with those keys (arrays as
    numpy arrays, names as lists of str).
    """
    import h5py

    def strings(dataset):
        return [s.decode() if isinstance(s, bytes) else str(s) for s in dataset[()]]

    def text(value):
        return value.decode() if isinstance(value, bytes) else str(value)

    with h5py.File(path, "r") as f:
        if "sensitivity" not in f:
            raise KeyError(f"{os.fspath(path)} has no 'sensitivity' group (is it a sweep file with a Sobol or "
                           "Morris design?)")
        g = f["sensitivity"]
        method = text(g.attrs.get("method", "sobol")).lower()
        matrices = {"sobol": ("S1", "S1_conf", "ST", "ST_conf"), "morris": ("mu_star", "mu_star_conf", "sigma")}
        if method not in matrices:
            raise ValueError(f"{os.fspath(path)}: unknown sensitivity method '{method}' (expected sobol or morris)")
        missing = [k for k in ("metric", "factor", *matrices[method]) if k not in g]
        if missing:
            raise KeyError(f"{os.fspath(path)}: the sensitivity group lacks {', '.join(missing)}")
        data = {"method": method, "metric": strings(g["metric"]), "factor": strings(g["factor"])}
        for k in matrices[method]:
            data[k] = np.asarray(g[k][()], dtype=float)
            if data[k].shape != (len(data["metric"]), len(data["factor"])):
                raise ValueError(f"{os.fspath(path)}: sensitivity/{k} has shape {data[k].shape}; expected "
                                 f"[metric, factor] = ({len(data['metric'])}, {len(data['factor'])})")
        data["metric_units"] = strings(g["metric_units"]) if "metric_units" in g else [""] * len(data["metric"])
        data["confidence_level"] = float(g.attrs.get("confidence_level", np.nan))
    return data


def sensitivity(path: str | os.PathLike, metrics: Sequence[str] | None = None):
    """Sensitivity indices of a sweep file as bars, one panel per metric (layout:
    :func:`read_sensitivity`). Sobol: first-order S1 and total ST per factor, y axis
    ``Sobol index``. Morris: mu* and sigma of the elementary effects, y axis
    ``elementary effect (unit)``. Error bars are the confidence intervals stored in the file."""
    plt = _pyplot()
    data = read_sensitivity(path)
    names = data["metric"] if metrics is None else list(metrics)
    unknown = [m for m in names if m not in data["metric"]]
    if unknown:
        raise KeyError(f"no metric {', '.join(unknown)}; the file has {', '.join(data['metric'])}")
    factors = data["factor"]
    x = np.arange(len(factors))
    width = 0.38
    level = data["confidence_level"]
    ci = f" ({level:.0%} CI)" if np.isfinite(level) else ""
    fig, axes = plt.subplots(len(names), 1, squeeze=False, figsize=(max(6.0, 0.9 * len(factors) + 2.0),
                                                                     1.0 + 2.6 * len(names)), constrained_layout=True)
    for ax, metric in zip(axes[:, 0], names):
        i = data["metric"].index(metric)
        if data["method"] == "sobol":
            ax.bar(x - width / 2, data["S1"][i], width, yerr=data["S1_conf"][i], capsize=3, label=f"first order S1{ci}")
            ax.bar(x + width / 2, data["ST"][i], width, yerr=data["ST_conf"][i], capsize=3, label=f"total ST{ci}")
            ax.set_ylabel("Sobol index")
        else:
            ax.bar(x - width / 2, data["mu_star"][i], width, yerr=data["mu_star_conf"][i], capsize=3,
                   label=f"mu* (mean |elementary effect|){ci}")
            ax.bar(x + width / 2, data["sigma"][i], width, label="sigma (spread of the effects)")
            unit = data["metric_units"][i]
            ax.set_ylabel(f"elementary effect ({unit})" if unit else "elementary effect")
        ax.set_xticks(x, factors, rotation=30, ha="right")
        ax.set_title(metric, fontsize=10, loc="left")
        ax.axhline(0.0, color="0.5", lw=0.8)
        ax.grid(axis="y", alpha=0.3)
    axes[0, 0].legend(fontsize=8)
    axes[-1, 0].set_xlabel("factor")
    return fig
