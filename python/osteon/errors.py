"""Errors raised by osteon.

The engine reports bad input (a scenario, a parameter, an option) with a message that names
the file, line and column, the key, what was found and what was expected. In Python that
message arrives as :class:`ScenarioError`, with each part also available as an attribute.
"""

from __future__ import annotations


class ScenarioError(ValueError):
    """Bad input: a scenario, parameter or option the engine cannot accept.

    Attributes
    ----------
    message : str
        The engine's full message, e.g.
        ``"s.yaml:5:14: error: key 'parameters.alpha1': found '3 mg' (...); expected a number in 1/d ..."``.
    file : str
        Where the value came from: a file path, ``"<dict>"`` for :meth:`osteon.Scenario.from_dict`,
        or the API call (``"osteon.run"``).
    line, column : int
        1-based position in that file; 0 when not from a file.
    key : str
        The key (path) of the offending value, e.g. ``"parameters.alpha1"`` or ``"events[1].at"``.
    found, expected : str
        What was found and what was expected instead.
    """

    def __init__(self, message: str, file: str = "", line: int = 0, column: int = 0, key: str = "",
                 found: str = "", expected: str = ""):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = int(line)
        self.column = int(column)
        self.key = key
        self.found = found
        self.expected = expected

    def __reduce__(self):
        # Keeps the attributes when the error crosses a process boundary (multiprocessing, dask).
        return (type(self), (self.message, self.file, self.line, self.column, self.key, self.found, self.expected))

    def __str__(self) -> str:
        return self.message


class ValidityWarning(UserWarning):
    """A scenario outside what the model was calibrated for (an age outside the trials' ages, an
    aromatase inhibitor before menopause): the run goes ahead, the result is a hypothesis. The same
    sentences as ``osteon run`` prints on stderr and writes to the file attribute
    ``validity_warnings`` (also in ``Result.attrs`` and ``to_xarray().attrs``)."""
