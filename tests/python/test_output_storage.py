"""Output storage (docs/scenario-format.md, `output.compression`, `output.precision`): chunks
shuffled and deflated on the compute threads and placed by the writer (H5Dwrite_chunk) make the
same file whatever the thread count, with the standard filter pipeline every reader decodes;
float32 storage holds the float64 results rounded to float32."""

import shutil
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

EXIT_OK, EXIT_BAD_INPUT = 0, 2
VARIABLES = ("OBp", "OBa", "OCa", "BV", "PTH", "OPG")


def ensemble(tmp_path, extra_output=""):
    """pivonka2008, 300 runs (parameters varied), daily output for a year: several blocks."""
    rows = "\n".join(f"    - [{0.2674 * (0.8 + 0.4 * i / 299):.6f}, {200 + i * 0.5:.1f} pM/d]" for i in range(300))
    path = tmp_path / "ensemble.yaml"
    path.write_text(f"""osteon: 1
name: storage_ensemble
model: pivonka2008
duration: 1 y
output:
  every: 1 d
  variables: [{", ".join(VARIABLES)}]
{extra_output}initial: steady_state
events:
  - {{at: 30 d, set: {{P_PTH: 500 pM/d}}}}
runs:
  columns: [D_OBp, beta_PTH]
  rows:
{rows}
""")
    return path


def run(osteon, scenario, out, *flags):
    done = osteon("run", scenario, "-o", out, "--force", "--quiet", *flags)
    assert done.returncode == EXIT_OK, done.stderr
    return out


def chunks(path, name):
    """(offset, filter mask, bytes) of every stored chunk of a dataset, in file order."""
    with h5py.File(path, "r") as f:
        dsid = f[name].id
        out = []
        for i in range(dsid.get_num_chunks()):
            info = dsid.get_chunk_info(i)
            mask, data = dsid.read_direct_chunk(info.chunk_offset)
            out.append((info.chunk_offset, info.byte_offset, mask, data))
        return out


def test_parallel_compression_gives_the_same_file_on_any_number_of_threads(osteon, tmp_path):
    scenario = ensemble(tmp_path)
    one = run(osteon, scenario, tmp_path / "one.h5", "--threads", "1")
    two = run(osteon, scenario, tmp_path / "two.h5", "--threads", "2")
    raw = run(osteon, scenario, tmp_path / "raw.h5", "--threads", "2", "--compression", "none")
    for name in VARIABLES:
        a, b = chunks(one, name), chunks(two, name)
        assert len(a) > 3, "the ensemble should span several blocks"
        # Same bytes at the same file offsets: chunks are written in block order.
        assert a == b, name
    with h5py.File(one, "r") as f, h5py.File(raw, "r") as g:
        for name in VARIABLES:
            assert f[name].compression == "gzip" and f[name].compression_opts == 1 and f[name].shuffle
            assert g[name].compression is None and not g[name].shuffle
            assert f[name].dtype == np.float64
    # Every reader decodes the standard pipeline to the uncompressed values, bit for bit.
    with xr.open_dataset(one, engine="h5netcdf") as c, xr.open_dataset(raw, engine="h5netcdf") as r:
        for name in VARIABLES:
            assert np.array_equal(c[name].values, r[name].values, equal_nan=True), name
            assert np.isfinite(c[name].values).all(), name
    assert (tmp_path / "one.h5").stat().st_size < 0.8 * (tmp_path / "raw.h5").stat().st_size


@pytest.mark.skipif(shutil.which("ncdump") is None, reason="netCDF-C's ncdump is not installed (Debian netcdf-bin)")
def test_netcdf_c_reads_the_compressed_file_without_plugins(osteon, tmp_path):
    out = run(osteon, ensemble(tmp_path), tmp_path / "c.h5", "--threads", "2", "--compression", "deflate:6")
    done = subprocess.run(["ncdump", "-v", "OCa", "-s", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert '_DeflateLevel = 6' in done.stdout and '_Shuffle = "true"' in done.stdout
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        first = ds["OCa"].values[0, 0]
    assert f"{first:.6g}"[:5] in done.stdout.split("data:")[1].replace(" ", "")


def test_float32_storage_rounds_the_float64_results(osteon, tmp_path):
    scenario = ensemble(tmp_path, "  precision: float32\n")
    f32 = run(osteon, scenario, tmp_path / "f32.h5", "--threads", "2")
    f64 = run(osteon, scenario, tmp_path / "f64.h5", "--threads", "2", "--precision", "float64")
    with xr.open_dataset(f32, engine="h5netcdf") as a, xr.open_dataset(f64, engine="h5netcdf") as b:
        for name in VARIABLES:
            assert a[name].dtype == np.float32, name
            assert b[name].dtype == np.float64, name
            assert np.array_equal(a[name].values, b[name].values.astype(np.float32)), name
    assert f32.stat().st_size < 0.7 * f64.stat().st_size


def test_float32_sweep_files_are_float32(osteon, tmp_path):
    (tmp_path / "base.yaml").write_text("""osteon: 1
name: base
model: pivonka2008
duration: 100 d
output: {every: 10 d, precision: float32}
initial: steady_state
""")
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text("""osteon: 1
name: f32_sweep
base: base.yaml
factors:
  - {path: D_OBp, range: [0.2, 0.3]}
design: {type: lhs, samples: 20, seed: 1}
outputs: [OCa]
metrics:
  - {name: oca_end, value: OCa, at: 100 d}
""")
    out = tmp_path / "sweep.h5"
    done = osteon("sweep", sweep, "-o", out, "--quiet", "--threads", "2")
    assert done.returncode == EXIT_OK, done.stderr
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        assert ds["OCa"].dtype == np.float32
        assert ds["oca_end"].dtype == np.float64  # metrics stay float64
        assert np.array_equal(ds["OCa"].values[:, -1], ds["oca_end"].values.astype(np.float32))


@pytest.mark.parametrize("output, key, found", [
    ("  compression: zstd\n", "output.compression", "'zstd'"),
    ("  compression: deflate:12\n", "output.compression", "'deflate:12'"),
    ("  precision: float16\n", "output.precision", "'float16'"),
])
def test_bad_storage_options_name_file_line_and_key(osteon, tmp_path, output, key, found):
    scenario = ensemble(tmp_path, output)
    done = osteon("run", scenario, "-o", tmp_path / "x.h5")
    assert done.returncode == EXIT_BAD_INPUT
    assert f"{scenario}:8:" in done.stderr and key in done.stderr and found in done.stderr, done.stderr
    assert not (tmp_path / "x.h5").exists()


@pytest.mark.parametrize("flag, value", [("--compression", "gzip"), ("--precision", "double")])
def test_bad_storage_flags_are_refused(osteon, tmp_path, flag, value):
    done = osteon("run", ensemble(tmp_path), "-o", tmp_path / "x.h5", flag, value)
    assert done.returncode == EXIT_BAD_INPUT
    assert flag in done.stderr and value in done.stderr, done.stderr
