"""Reading osteon's HDF5 files (engine/output/output_schema.hpp, docs/sweeps.md): :func:`open_output`, exported as ``osteon.open``."""

from __future__ import annotations

import os


def open_output(path: str | os.PathLike, **kwargs):
    """Opens any osteon HDF5 file (``osteon run``, ``sweep``, ``compare``) as an
    :class:`xarray.Dataset` with the ``h5netcdf`` engine: variables with ``(run, time)`` dims,
    units and long names, factors as coordinates along ``run``. Extra keyword arguments go to
    :func:`xarray.open_dataset` (e.g. ``group="sensitivity"``). Use it as a context manager or
    call ``.close()`` to release the file; ``.load()`` reads everything into memory.
    """
    import xarray as xr

    if not os.path.isfile(path):
        raise FileNotFoundError(f"no such osteon output file: {os.fspath(path)}")
    return xr.open_dataset(path, engine="h5netcdf", **kwargs)
