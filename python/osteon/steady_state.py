"""Steady states of a model: :func:`steady`."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._native import core


@dataclass(frozen=True)
class SteadyState:
    """A model's steady state and how it was found (as ``osteon steady MODEL``).

    Attributes
    ----------
    model : str
    converged : bool
        False when no steady state was found; ``message`` then says why.
    method : str
        ``"closed form"``, ``"newton"`` or ``"integration"``.
    residual : float
        max_i |f_i| / (|y_i| + atol), per day.
    iterations : int
    message : str
    state : dict[str, float]
        State values, in ``units``.
    units : dict[str, str]
    parameters : dict[str, float]
        Every parameter value used, in its declared unit.
    """

    model: str
    converged: bool
    method: str
    residual: float
    iterations: int
    message: str
    state: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> float:
        return self.state[name]

    def to_series(self):
        """The state as a :class:`pandas.Series` (units in ``.attrs["units"]``)."""
        import pandas as pd

        series = pd.Series(self.state, name=f"{self.model} steady state", dtype=float)
        series.attrs["units"] = dict(self.units)
        return series


def _assignment(name: str, value) -> str:
    if isinstance(value, str):
        return f"{name}={value}"
    if isinstance(value, (bool, np.bool_)) or not np.isscalar(value):
        raise TypeError(f"parameter {name}: expected a number or a string with a unit, not {value!r}")
    return f"{name}={float(value)!r}"


def steady(model: str, **params) -> SteadyState:
    """The steady state of `model` with some parameters changed.

    Parameters are given by name; values are numbers in the parameter's declared unit or
    strings with a unit, e.g. ``osteon.steady("pivonka2008", P_PTH="100 pM/d")``. Unknown
    names, wrong units and values outside the declared ranges raise :class:`osteon.ScenarioError`.
    Check :attr:`SteadyState.converged`: the search is bounded and may not find one.
    """
    raw = core().steady(model, [_assignment(k, v) for k, v in params.items()])
    return SteadyState(
        model=raw["model"], converged=bool(raw["converged"]), method=raw["method"], residual=float(raw["residual"]),
        iterations=int(raw["iterations"]), message=raw["message"],
        state=dict(zip(raw["names"], map(float, raw["state"]))), units=dict(zip(raw["names"], raw["units"])),
        parameters=dict(zip(raw["parameter_names"], map(float, raw["parameters"]))))
