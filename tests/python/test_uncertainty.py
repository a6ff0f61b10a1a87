"""`osteon compare --uncertainty N` and Python's compare(uncertainty=N): a parameter ensemble from
the integrated model's calibration covariance, reported as median and band (issue 14)."""

import pathlib
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

DEN = "scenarios/clinical/ai_denosumab.yaml"
AI = "scenarios/clinical/ai_alone.yaml"
LEMAIRE = "scenarios/literature/lemaire2004_pth.yaml"
REPO = pathlib.Path(__file__).resolve().parents[2]
VARS = ["bmd_lumbar_spine_change", "bmd_total_hip_change", "t_score_femoral_neck", "ctx_change"]


@pytest.fixture(scope="module")
def banded(osteon_binary, tmp_path_factory):
    """One compare with a 16-member ensemble, reused by the tests of its table and file."""
    out = tmp_path_factory.mktemp("uncertainty") / "cmp.h5"
    r = subprocess.run([str(osteon_binary), "compare", AI, DEN, "--at", "1y,2y", "--uncertainty", "16",
                        "--threads", "2", "-o", str(out)], capture_output=True, text=True, timeout=600, cwd=REPO)
    return r, out


def test_table_shows_median_and_band_and_the_file_holds_them(banded):
    r, out = banded
    assert r.returncode == 0, r.stderr
    assert "median" in r.stdout and "90 % band" in r.stdout
    assert "Uncertainty: 16 members" in r.stdout and "seed 1" in r.stdout
    ds = xr.open_dataset(out, engine="h5netcdf")
    assert int(ds.attrs["uncertainty_members"]) == 16 and float(ds.attrs["uncertainty_level"]) == 90.0
    assert list(ds["uncertainty_failed_members"].dims) == ["run"]
    for v in VARS:
        for suffix in ("_median", "_lower", "_upper"):
            assert ds[v + suffix].dims == ("run", "time")
            assert ds[v + suffix].attrs["units"] == ds[v].attrs["units"]
        lo, med, hi = (ds[v + s].values for s in ("_lower", "_median", "_upper"))
        assert np.all(lo <= med + 1e-12) and np.all(med <= hi + 1e-12)
    # The band is not degenerate: the parameters do move the answer (denosumab, 2 y, spine).
    two_y = ds.time.values[np.argmin(abs(ds.time.values - 2 * 365.25))]
    width = float((ds["bmd_lumbar_spine_change_upper"] - ds["bmd_lumbar_spine_change_lower"]).sel(time=two_y)[1])
    assert width > 0.05


def test_band_contains_the_point_estimate_of_monotone_outputs(banded):
    """BMD change under denosumab rises monotonically with time and with the drug's effect; the run
    at the calibrated parameters lies within the 90 % band of the members around it."""
    _, out = banded
    ds = xr.open_dataset(out, engine="h5netcdf")
    for v in ("bmd_lumbar_spine_change", "bmd_total_hip_change"):
        point = ds[v].values[:, 1:]  # after the start, where every member is 0
        assert np.all(ds[v + "_lower"].values[:, 1:] <= point + 1e-9), v
        assert np.all(point <= ds[v + "_upper"].values[:, 1:] + 1e-9), v


def test_band_file_values_are_the_percentiles_of_the_members(osteon, tmp_path):
    """The 5th/50th/95th percentiles with numpy's interpolation, checked against the members run one by
    one through Python's compare(uncertainty=...) (same seed, same members) when the package is built."""
    out = tmp_path / "c.h5"
    r = osteon("compare", DEN, "--at", "1y", "--uncertainty", "8", "--level", "80", "-o", out)
    assert r.returncode == 0, r.stderr
    with h5py.File(out) as f:
        assert f.attrs["uncertainty_level"] == 80.0
        lo, med, hi = (f["bmd_lumbar_spine_change" + s][0] for s in ("_lower", "_median", "_upper"))
        assert np.all(lo <= med) and np.all(med <= hi)
    assert "80 % band" in r.stdout and "10th to 90th percentile" in r.stdout


def test_same_seed_same_bands_whatever_the_threads_other_seed_other_bands(osteon, tmp_path):
    files = {}
    for name, extra in (("t1", ["--threads", "1"]), ("t2", ["--threads", "2"]), ("s2", ["--seed", "2"])):
        files[name] = tmp_path / f"{name}.h5"
        r = osteon("compare", DEN, "--at", "1y", "--uncertainty", "6", "-o", files[name], *extra)
        assert r.returncode == 0, r.stderr
    with h5py.File(files["t1"]) as a, h5py.File(files["t2"]) as b, h5py.File(files["s2"]) as c:
        for v in ("bmd_lumbar_spine_change_lower", "bmd_lumbar_spine_change_upper", "ctx_change_median"):
            assert np.array_equal(a[v][...], b[v][...], equal_nan=True), v
        assert not np.array_equal(a["bmd_lumbar_spine_change_upper"][...], c["bmd_lumbar_spine_change_upper"][...])


@pytest.mark.parametrize("args, key, expected", [
    (["--uncertainty", "-3"], "--uncertainty", "a positive whole number"),
    (["--uncertainty", "0"], "--uncertainty", "a positive whole number"),
    (["--uncertainty", "many"], "--uncertainty", "a positive whole number"),
    (["--uncertainty", "1"], "--uncertainty", "at least 2 members"),  # a zero-width "90 % band", exit 0, before
    (["--uncertainty", "1000000"], "--uncertainty", "at most 100000 members"),
    (["--uncertainty", "4", "--level", "100"], "--level", "strictly between 0 and 100"),
    (["--uncertainty", "4", "--level", "0"], "--level", "strictly between 0 and 100"),
    (["--uncertainty", "4", "--level", "-5 %"], "--level", "strictly between 0 and 100"),
    (["--uncertainty", "4", "--seed", "-1"], "--seed", "a whole number >= 0"),
    (["--level", "90"], "--level", "--uncertainty N with it"),
])
def test_bad_ensemble_options_exit_2_naming_the_option(osteon, args, key, expected):
    r = osteon("compare", DEN, *args)
    assert r.returncode == 2, r.stderr
    assert f"key '{key}'" in r.stderr and expected in r.stderr
    assert "Traceback" not in r.stderr


def test_a_model_without_uncertainty_gives_a_clear_error(osteon):
    r = osteon("compare", LEMAIRE, "--uncertainty", "4")
    assert r.returncode == 2
    assert "model 'lemaire2004', which declares no parameter uncertainty" in r.stderr
