"""Shared by the tests that stop sweeps mid-way and resume them (test_sweep, test_cluster,
test_mpi): a sweep slow enough to be stopped, the progress of its partial file, waiting for
that progress, and comparing finished files dataset by dataset and attribute by attribute."""

import time

import h5py
import numpy as np


def slow_sweep(tmp_path, name="slow", seed=7, samples=1024, wide=True, second_order=True, bootstrap=100):
    """Sobol' sweep of Pivonka 2008 with dense output (blocks of 16 runs): 5 factors (wide) make
    samples * 12 runs, 2 factors samples * 4 without second order."""
    factors = ["{path: P_OPG, range: [0 pM/d, 2e4 pM/d]}"]
    if wide:
        factors += ["{path: K_A1, distribution: loguniform, range: [5e-4 /pM, 2e-3 /pM]}",
                    "{path: K_A2, distribution: loguniform, range: [1.7e-2 /pM, 6.8e-2 /pM]}",
                    "{path: D_RANKL, distribution: loguniform, range: [5 /d, 20 /d]}"]
    factors.append("{path: A_OCa, range: [0.49 /d, 0.91 /d]}")
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"""osteon: 1
name: {name}
scenario:
  osteon: 1
  name: slow_base
  model: pivonka2008
  duration: 200 d
  output: {{every: 0.05 d}}
  solver: {{rtol: 1e-10, atol: 1e-16}}
  events:
    - {{at: 20 d, set: {{P_RANKL: 1e4 pM/d}}}}
    - {{at: 80 d, set: {{P_RANKL: 0 pM/d}}}}
factors:
""" + "".join(f"  - {f}\n" for f in factors) + f"""design: {{type: sobol, samples: {samples}, seed: {seed}, second_order: {str(second_order).lower()}}}
analysis: {{bootstrap: {bootstrap}}}
metrics:
  - {{name: bv_min, min: BV}}
  - {{name: oca_peak, max: OCa}}
  - {{name: oca_auc, auc: OCa}}
""")
    return path


def blocks_done(partial):
    """(blocks done, blocks) of a partial file being written; (0, 0) while it cannot be read.
    Reading it while a sweep writes it needs HDF5_USE_FILE_LOCKING=FALSE."""
    try:
        with h5py.File(partial, "r") as f:
            mask = f["osteon_block_done"][()]
        return int(mask.sum()), mask.size
    except (OSError, KeyError):
        return 0, 0


def wait_for_blocks(proc, partial, n, timeout=120, poll=0.005):
    """Waits until the partial file holds n finished blocks; the process must still be running."""
    deadline = time.monotonic() + timeout
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if partial.exists():
            done = blocks_done(partial)[0]
            if done >= n:
                break
        time.sleep(poll)
    assert proc.poll() is None, f"the sweep finished (or failed) before it could be stopped ({done} blocks seen)"
    return done


def datasets(path):
    """name -> (dtype, shape, raw bytes or list of strings) of every dataset."""
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                raw = [x.decode() if isinstance(x, bytes) else str(x) for x in data.ravel()] \
                    if data.dtype.kind == "O" else data.tobytes()
                out[name] = (str(obj.dtype), obj.shape, raw)
        f.visititems(visit)
    return out


def attributes(path, ignore=()):
    """(object, attribute) -> value of every attribute except history, those named in ignore, and
    the dimension-scale bookkeeping (object references, compared through the dimensions each
    dataset is attached to instead)."""
    out = {}
    with h5py.File(path, "r") as f:
        def record(name, obj):
            for k, v in obj.attrs.items():
                if k in ("history", "DIMENSION_LIST", "REFERENCE_LIST", *ignore):
                    continue
                out[(name, k)] = v.tolist() if isinstance(v, np.ndarray) else v
            if isinstance(obj, h5py.Dataset):
                out[(name, "dims")] = [[d.name for d in dim.values()] for dim in obj.dims]
        record("/", f)
        f.visititems(record)
    return out


def assert_same_datasets(a, b):
    """Every dataset of file a equals file b's bit for bit (same names, types and shapes)."""
    da, db = datasets(a), datasets(b)
    assert sorted(da) == sorted(db)
    for name in da:
        assert da[name][:2] == db[name][:2], name
        assert da[name][2] == db[name][2], name
    return da


def assert_same_file(a, b, ignore=()):
    """Datasets bitwise equal and every attribute but history (and those named in ignore) equal."""
    assert_same_datasets(a, b)
    aa, ab = attributes(a, ignore), attributes(b, ignore)
    assert sorted(aa) == sorted(ab)
    for key in aa:
        assert aa[key] == ab[key], key
