"""The built-in models: :func:`models` and :func:`describe`."""

from __future__ import annotations

import json

from ._native import core


def models() -> list[str]:
    """Ids of the built-in models, e.g. ``["komarova2003", "komarova2005", "lemaire2004", ...]``."""
    return list(core().model_ids())


def description(model: str) -> dict:
    """A model's full self-description (id, citation, description, states, parameters,
    observables, notes) as a dict: the JSON of ``osteon describe MODEL --format json``."""
    return json.loads(core().describe_json(model))


def describe(model: str):
    """A model's parameters as a :class:`pandas.DataFrame`.

    Index: parameter name. Columns: ``value`` (default, in ``unit``), ``unit``, ``symbol`` (as
    printed in the paper), ``description``, ``source`` (paper, table, corrections), ``min`` and
    ``max`` (admissible range; NaN where unbounded). ``df.attrs`` holds the model's ``id``,
    ``citation``, ``description``, ``states`` and ``observables`` (lists of dicts with name,
    unit, long_name). Unknown ids raise :class:`osteon.ScenarioError`.
    """
    import pandas as pd

    info = description(model)
    columns = ["value", "unit", "symbol", "description", "source", "min", "max"]
    rows = {p["name"]: [p.get(c) for c in columns] for p in info["parameters"]}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    frame.index.name = "parameter"
    for bound in ("min", "max"):
        frame[bound] = pd.to_numeric(frame[bound], errors="coerce")
    frame["value"] = frame["value"].astype(float)
    frame.attrs = {key: info.get(key) for key in ("id", "citation", "description", "states", "observables", "notes")}
    return frame
