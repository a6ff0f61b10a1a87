"""Scenarios: what to simulate (docs/scenario-format.md), as immutable Python objects.

A :class:`Scenario` holds the YAML text of a scenario and where it came from. It is checked by
the engine when it is made, so a bad scenario fails at once with :class:`osteon.ScenarioError`
naming file, line and key. Changes make new scenarios (:meth:`Scenario.with_changes`); a
scenario never changes after it is made, so it can be shared between threads and processes
and pickled.
"""

from __future__ import annotations

import copy
import os
import pathlib
import re
import stat
from collections.abc import Mapping
from typing import Any

import yaml

from ._native import core
from .errors import ScenarioError

_DELETE = None  # a change to None removes the key
_MAX_FILE_BYTES = 64 << 20  # as the engine's read_input_file


def _plain(value: Any) -> Any:
    """Converts numpy scalars and arrays, tuples and paths to what YAML can write."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy scalars and arrays
        return _plain(value.tolist())
    return value


def _merge(base: dict, changes: Mapping, path: str = "") -> dict:
    """Applies `changes` to a copy of `base`: mappings merge key by key, None removes a key,
    anything else replaces. In `output`, `every` and `times` exclude each other, so setting one
    removes the other."""
    merged = copy.deepcopy(base)
    for key, value in changes.items():
        key = str(key)
        if value is _DELETE:
            merged.pop(key, None)
            continue
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(dict(merged[key]), value, f"{path}{key}.")
        else:
            merged[key] = _plain(value)
        if path == "output." and key in ("every", "times"):
            other = "times" if key == "every" else "every"
            if other not in changes:
                merged.pop(other, None)
    return merged


class _Loader(yaml.SafeLoader):
    """YAML as the engine reads it: only true/false are booleans. PyYAML's YAML 1.1 rules also
    read yes/no/on/off as booleans, so a scenario named `no` came back from with_changes
    named `false` (issue 19)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _load(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        raise ScenarioError(f"{source}: error: malformed YAML: {error}", file=source) from error


def _to_yaml(data: Mapping) -> str:
    try:
        return yaml.safe_dump(_plain(data), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    except yaml.YAMLError as error:  # e.g. a value YAML cannot represent (an object, a set)
        raise ScenarioError(f"<dict>: error: a value that cannot be written as YAML: {error}", file="<dict>",
                            found=str(error), expected="strings, numbers, lists and mappings") from error


class Scenario:
    """An immutable, checked scenario.

    Make one with :meth:`from_yaml`, :meth:`from_dict` or :meth:`from_text`; derive others with
    :meth:`with_changes`. Run it with :func:`osteon.run`.

    Attributes
    ----------
    text : str
        The YAML text (stored with results as the ``scenario`` attribute).
    source : str
        The file it was read from, or ``"<dict>"`` / ``"<string>"`` / ``"<NAME with changes>"``;
        error messages name it.
    name, model, description : str
    duration : float
        In days.
    n_runs : int
        1, or the number of rows of its ``runs:`` table.
    n_times : int
        Number of output times.
    """

    __slots__ = ("text", "source", "name", "model", "description", "duration", "n_runs", "n_times")

    def __init__(self, text: str, source: str = "<string>"):
        summary = core().validate(text, source)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "source", source)
        for key in ("name", "model", "description", "duration", "n_runs", "n_times"):
            object.__setattr__(self, key, summary[key])

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path: str | os.PathLike) -> "Scenario":
        """Reads and checks a scenario file. A relative ``runs: {file: ...}`` is read next to it.

        Raises :class:`osteon.ScenarioError` (file, line, key) for bad content and
        ``FileNotFoundError`` when the file does not exist.
        """
        source = os.fspath(path)
        info = os.stat(source)  # FileNotFoundError as before
        if not stat.S_ISREG(info.st_mode):  # /dev/zero would be read forever, a FIFO would block
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a device, FIFO or other special file"
            raise ScenarioError(f"{source}: error: found {kind}; expected a scenario file (a regular file)",
                                file=source, found=kind, expected="a scenario file (a regular file)")
        if info.st_size > _MAX_FILE_BYTES:
            raise ScenarioError(f"{source}: error: found a file of {info.st_size} bytes; expected a scenario file of "
                                f"at most {_MAX_FILE_BYTES} bytes", file=source)
        text = pathlib.Path(path).read_text(encoding="utf-8")
        return cls(text, source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Scenario":
        """Makes a scenario from a dict with the keys of a scenario file, e.g.
        ``{"osteon": 1, "name": "x", "model": "komarova2003", "duration": "300 d"}``.
        Quantities are strings with units (``"2 y"``) or numbers in the declared unit."""
        if not isinstance(data, Mapping):
            raise TypeError(f"Scenario.from_dict needs a mapping, not {type(data).__name__}")
        return cls(_to_yaml(data), "<dict>")

    @classmethod
    def from_text(cls, text: str, source: str = "<string>") -> "Scenario":
        """Makes a scenario from YAML text; `source` names it in error messages."""
        return cls(text, source)

    # -- derived scenarios --------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The scenario as a dict (a new one on every call)."""
        data = _load(self.text, self.source)
        return data if isinstance(data, dict) else {}

    def to_yaml(self, path: str | os.PathLike | None = None) -> str:
        """The YAML text; also written to `path` when given."""
        if path is not None:
            pathlib.Path(path).write_text(self.text, encoding="utf-8")
        return self.text

    def with_changes(self, changes: Mapping[str, Any] | None = None, /, **keys: Any) -> "Scenario":
        """A new scenario with some keys changed; this one stays as it is.

        Keys are those of a scenario file. Mappings merge into the existing ones key by key
        (``parameters={"A_OCa": "0.8 /d"}`` keeps the other parameters), ``None`` removes a key,
        any other value replaces. In ``output``, setting ``every`` removes ``times`` and vice
        versa. Example::

            s.with_changes(parameters={"g11": 1.1}, duration="2 y", output={"every": "1 d"})

        A relative ``runs.file`` keeps pointing at the file next to the original scenario.
        """
        all_changes = dict(changes or {})
        all_changes.update(keys)
        data = self.to_dict()
        runs = data.get("runs")
        if (isinstance(runs, dict) and isinstance(runs.get("file"), str) and not os.path.isabs(runs["file"])
                and not self.source.startswith("<")):
            runs["file"] = os.path.abspath(os.path.join(os.path.dirname(self.source), runs["file"]))
        merged = _merge(data, all_changes)
        name = merged.get("name", self.name)
        return Scenario(_to_yaml(merged), f"<{name} with changes>")

    # -- immutability, equality, pickling -----------------------------------------------------
    def __setattr__(self, key, value):
        raise AttributeError("a Scenario cannot be changed; use with_changes(...) to make a new one")

    def __delattr__(self, key):
        raise AttributeError("a Scenario cannot be changed; use with_changes(...) to make a new one")

    def __eq__(self, other):
        if not isinstance(other, Scenario):
            return NotImplemented
        return (self.text, self.source) == (other.text, other.source)

    def __hash__(self):
        return hash((self.text, self.source))

    def __reduce__(self):
        # Rebuilt (and re-checked) from its text: small, and valid in any process.
        return (Scenario, (self.text, self.source))

    def __repr__(self):
        runs = f", {self.n_runs} runs" if self.n_runs != 1 else ""
        return f"<osteon.Scenario {self.name!r}: model {self.model}, {self.duration:g} d{runs}, from {self.source}>"


def as_scenario(value: "Scenario | str | os.PathLike | Mapping") -> Scenario:
    """A Scenario from a Scenario, a path to a YAML file or a dict."""
    if isinstance(value, Scenario):
        return value
    if isinstance(value, Mapping):
        return Scenario.from_dict(value)
    if isinstance(value, (str, os.PathLike)):
        return Scenario.from_yaml(value)
    raise TypeError(f"expected an osteon.Scenario, a scenario file path or a dict, not {type(value).__name__}")
