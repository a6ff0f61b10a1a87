"""Quantities with units, converted by the engine's own parser (docs/scenario-format.md)."""

from __future__ import annotations

from ._native import core


def to_unit(quantity: str | float, unit: str) -> float:
    """The value of `quantity` (e.g. ``"2 y"``, ``"60 mg"``, ``"1000 pM/d"``) in `unit`
    (``"d"``, ``"mg"``, ...), with osteon's unit definitions (1 y = 365.25 d, 1 mo =
    30.4375 d). A bare number is taken to be in `unit` already. Incompatible units raise
    :class:`osteon.ScenarioError`."""
    if not isinstance(quantity, str):
        return float(quantity)
    return float(core().to_unit(quantity, unit))
