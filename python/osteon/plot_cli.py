"""``osteon plot OUT.h5 [MORE.h5 ...] -o FIG.png [--variables a,b] [--kind KIND]``.

The ``osteon`` executable runs this module with Debian's Python (cli/plot_command.cpp);
it can also be run directly: ``python3 -m osteon.plot_cli OUT.h5 -o FIG.png``. It needs only
the pure-Python package (matplotlib, xarray, h5py), not the compiled extension.

Kinds (default ``auto``):
  trajectories  chosen variables against time (``--variables``; default the first six)
  compare       the integrated model's BMD, T-score and marker panels, one line per file
  sensitivity   Sobol (or Morris) indices of a sweep file's ``sensitivity`` group
``auto`` picks sensitivity for a sweep file with indices (unless --variables is given),
compare for files of the integrated model or several files, trajectories otherwise.

Exit codes (docs/errors.md): 0 success, 2 bad input (message on stderr), 1 internal failure.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_PANELS = 6


class BadInput(Exception):
    """Input the user can fix: reported with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own exit code is 2 as well; keep our prefix
        self.print_usage(sys.stderr)
        raise BadInput(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="osteon plot", description="Plots an osteon HDF5 file (run, sweep or compare output) to an "
                "image (PNG, PDF, SVG: by the extension of -o).")
    p.add_argument("files", nargs="+", metavar="OUT.h5", help="osteon output file(s)")
    p.add_argument("-o", "--output", required=True, metavar="FIG.png", help="image to write")
    p.add_argument("--variables", metavar="a,b", help="comma-separated variables (trajectories)")
    p.add_argument("--kind", choices=["auto", "trajectories", "compare", "sensitivity", "grid"], default="auto")
    p.add_argument("--dpi", type=int, default=150)
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    p.add_argument("--force", action="store_true", help="replace FIG if it exists")
    return p


def _check_inputs(files):
    import h5py

    for f in files:
        if not os.path.isfile(f):
            raise BadInput(f"{f}: no such file")
        if not h5py.is_hdf5(f):
            raise BadInput(f"{f}: not an HDF5 file (expected an output file of osteon run, sweep or compare)")


def _default_variables(ds, available: list[str]) -> tuple[list[str], bool]:
    """The model's states when the compiled extension can say which they are (in the model's
    order), else the first variables of the file (HDF5 lists them alphabetically)."""
    try:
        from .registry import description
        info = description(str(ds.attrs.get("model", "")))
        states = [s["name"] for s in info["states"] if s["name"] in available]
        if states:
            return states[:DEFAULT_PANELS], True
    except Exception:  # noqa: BLE001 - no extension, or a model this build does not know
        pass
    return available[:DEFAULT_PANELS], False


def _attribute(ds, name: str) -> str:
    value = ds.attrs.get(name, "")
    return value.decode() if isinstance(value, bytes) else str(value)


def _has_sensitivity(path) -> bool:
    import h5py

    with h5py.File(path, "r") as f:
        return "sensitivity" in f


def _peek(path) -> dict:
    """Whether a file is an osteon (run, time) file, a grid sweep, or of the integrated model."""
    import h5py

    try:
        with h5py.File(path, "r") as f:
            if "time" not in f or "run" not in f:
                raise BadInput(f"{path}: no (run, time) variables: not an output file of osteon run, sweep or compare")
            return {"sweep_design": _attribute(f, "sweep_design"),
                    "integrated": any(v in f for v in ("bmd_lumbar_spine_change", "t_score_lumbar_spine"))}
    except OSError as error:
        raise BadInput(f"{path}: cannot be read as an osteon output file ({error})") from error


def _figure(args):
    from . import plot

    files = args.files
    kind = args.kind
    if kind == "auto" and len(files) == 1 and args.variables is None and _has_sensitivity(files[0]):
        kind = "sensitivity"
    if kind == "sensitivity":
        if len(files) != 1:
            raise BadInput("--kind sensitivity takes one sweep file")
        try:
            return plot.sensitivity(files[0])
        except (KeyError, ValueError) as error:
            raise BadInput(str(error).strip("'\"")) from error
    # What each file is, read with h5py: xarray (~0.5 s to import) only for the kinds that use it.
    peeks = [_peek(f) for f in files]
    if kind == "auto" and len(files) == 1 and peeks[0]["sweep_design"] == "grid":
        kind = "grid"
    if kind == "auto":
        kind = "compare" if len(files) > 1 or (peeks[0]["integrated"] and args.variables is None) else "trajectories"
    if kind == "compare":
        labels = [pathlib.Path(f).stem for f in files]
        if len(set(labels)) != len(labels):
            labels = files
        try:
            return plot.compare(dict(zip(labels, files)))
        except (OSError, ValueError) as error:
            raise BadInput(str(error)) from error
    datasets = []
    for f in files:
        try:
            datasets.append(plot.as_dataset(f))
        except (OSError, ValueError) as error:
            raise BadInput(f"{f}: cannot be read as an osteon output file ({error})") from error
    if kind == "grid":
        if len(files) != 1:
            raise BadInput("--kind grid takes one sweep file")
        try:
            return plot.grid(datasets[0], args.variables)
        except (KeyError, ValueError) as error:
            raise BadInput(str(error).strip("'\"")) from error
    if len(files) != 1:
        raise BadInput("trajectories take one file; give several files with --kind compare")
    ds = datasets[0]
    available = plot.output_variables(ds)
    if args.variables is not None:
        variables = [v.strip() for v in args.variables.split(",") if v.strip()]
        if not variables:
            raise BadInput("--variables: no names given")
        unknown = [v for v in variables if v not in available]
        if unknown:
            raise BadInput(f"--variables: {', '.join(unknown)} not in {files[0]}; it has {', '.join(available)}")
    else:
        variables, states = _default_variables(ds, available)
        if not states and len(variables) < len(available) and not args.quiet:
            print(f"osteon plot: plotting the first {len(variables)} of {len(available)} variables; "
                  "choose with --variables", file=sys.stderr)
    if not variables:
        raise BadInput(f"{files[0]} has no (run, time) variables to plot")
    return plot.trajectories(ds, variables)


def _check_output(args):
    """Before drawing: an existing image only with --force; never one of the inputs."""
    target = pathlib.Path(args.output)
    for f in args.files:
        if target.exists() and os.path.samefile(target, f):
            raise BadInput(f"-o {args.output}: found the input file {f}; expected an image path other than the inputs")
    if target.is_dir():
        raise BadInput(f"-o {args.output}: found a directory; expected an image path")
    if (target.exists() or target.is_symlink()) and not args.force:
        raise BadInput(f"-o {args.output}: found an existing file; expected a new image path (use --force to replace it)")


def _save(fig, output: str, dpi: int, force: bool = False):
    import matplotlib

    target = pathlib.Path(output)
    fmt = target.suffix.lower().lstrip(".")
    supported = fig.canvas.get_supported_filetypes()
    if fmt not in supported:
        raise BadInput(f"-o {output}: unknown image type '{target.suffix}'; expected one of "
                       + ", ".join("." + k for k in sorted(supported)))
    directory = target.parent if str(target.parent) else pathlib.Path(".")
    if not directory.is_dir():
        raise BadInput(f"-o {output}: directory {directory} does not exist")
    # Written under a temporary name and renamed: an interrupted plot leaves no half image.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        fig.savefig(tmp, format=fmt, dpi=dpi)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an image is as readable as any new file
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # never replaces: a file made meanwhile is kept
            except FileExistsError as error:
                raise BadInput(f"-o {output}: found an existing file; expected a new image path "
                               "(use --force to replace it)") from error
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    matplotlib.pyplot.close(fig)


def main(argv=None) -> int:
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        args = _parser().parse_args(argv)
        _check_inputs(args.files)
        _check_output(args)
        fig = _figure(args)
        _save(fig, args.output, args.dpi, args.force)
    except BadInput as error:
        print(f"osteon plot: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except SystemExit as done:  # --help
        return int(done.code or 0)
    except Exception as error:  # noqa: BLE001 - anything else is ours, not the user's
        print(f"osteon plot: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    if not args.quiet:
        print(f"osteon plot: wrote {args.output}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
