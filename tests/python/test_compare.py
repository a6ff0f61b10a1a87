"""`osteon compare`: scenarios of one model side by side."""

import h5py
import numpy as np
import xarray as xr

PTH = "scenarios/literature/lemaire2004_pth.yaml"
OPG = "scenarios/literature/lemaire2004_opg.yaml"


def test_table_and_file_hold_the_same_numbers_as_osteon_run(osteon, tmp_path, repo):
    out = tmp_path / "cmp.h5"
    r = osteon("compare", PTH, OPG, "--at", "50d,140d", "-o", out)
    assert r.returncode == 0, r.stderr
    assert "lemaire2004_pth" in r.stdout and "lemaire2004_opg" in r.stdout
    assert "at 50 d:" in r.stdout and "at 140 d:" in r.stdout
    assert "not medical advice" in r.stdout
    ds = xr.open_dataset(out, engine="h5netcdf")
    assert list(ds["scenario"].values) == ["lemaire2004_pth", "lemaire2004_opg"]
    # Each run equals `osteon run` of the same scenario, bit for bit.
    for i, scenario in enumerate((PTH, OPG)):
        single = tmp_path / f"single{i}.h5"
        assert osteon("run", scenario, "-o", single, "-q").returncode == 0
        with h5py.File(single) as f:
            assert np.array_equal(f["C"][0], ds["C"].values[i])
    # The table shows C at 50 d to 4 significant digits.
    c50 = float(ds["C"].sel(time=50.0).values[0])
    assert f"{c50:.4g}" in r.stdout


def test_rejects_mixed_models_ensembles_and_times_beyond_the_end(osteon, tmp_path):
    r = osteon("compare", PTH, "scenarios/literature/komarova2003_fig2.yaml")
    assert r.returncode == 2 and "model" in r.stderr
    r = osteon("compare", PTH, OPG, "--at", "2y")
    assert r.returncode == 2 and "--at" in r.stderr
    ens = tmp_path / "ens.yaml"
    ens.write_text("osteon: 1\nname: e\nmodel: lemaire2004\nduration: 300 d\nruns:\n  columns: [I_P]\n  rows: [[0], [1]]\n")
    r = osteon("compare", PTH, ens)
    assert r.returncode == 2 and "runs" in r.stderr
    r = osteon("compare", PTH, OPG, "--variables", "nonsense")
    assert r.returncode == 2 and "nonsense" in r.stderr


def test_file_keeps_every_output_while_the_table_shows_the_chosen_ones(osteon, tmp_path):
    out = tmp_path / "cmp.h5"
    r = osteon("compare", PTH, OPG, "--at", "50d", "--variables", "C", "-o", out)
    assert r.returncode == 0, r.stderr
    header = [line for line in r.stdout.splitlines() if line.strip() and "at 50 d" not in line][1]
    assert header.split() == ["C"]  # the table: only the chosen column
    with h5py.File(out) as f:
        assert {"R", "B", "C"} <= set(f)  # the file: every state (and observable) of the model



# ---- issue 19: reporting ------------------------------------------------------------------------

def test_samples_on_dose_days_are_marked_with_the_side_shown(osteon):
    """Denosumab every 6 months: the 1 y and 2 y samples fall on injection times and show the state
    just after the injection (CTX printed there was misleading without saying so)."""
    r = osteon("compare", "scenarios/clinical/ai_alone.yaml", "scenarios/clinical/ai_denosumab.yaml")
    assert r.returncode == 0, r.stderr
    notes = [ln for ln in r.stdout.splitlines() if "60 mg denosumab given at this time" in ln]
    assert len(notes) == 2 and all("the values are after the dose" in ln for ln in notes), r.stdout
    rows = [ln for ln in r.stdout.splitlines() if ln.strip().startswith("ai_")]
    assert all(not ln.endswith("*") for ln in rows if "ai_alone" in ln)
    assert sum(ln.endswith("*") for ln in rows if "ai_denosumab" in ln) == 2
    assert "* A dose falls on the day of that sample" in r.stdout


def test_equal_scenario_names_are_told_apart(osteon, tmp_path, repo):
    copy = tmp_path / "copy.yaml"
    copy.write_text((repo / PTH).read_text())
    r = osteon("compare", PTH, copy, "--at", "50d", "-o", tmp_path / "c.h5")
    assert r.returncode == 0, r.stderr
    assert f"lemaire2004_pth ({PTH})" in r.stdout and f"lemaire2004_pth ({copy})" in r.stdout
    ds = xr.open_dataset(tmp_path / "c.h5", engine="h5netcdf")
    assert len(set(ds["scenario"].values)) == 2
    r = osteon("compare", PTH, PTH, "--at", "50d")  # the same file twice: by position
    assert r.returncode == 0 and "#1" in r.stdout and "#2" in r.stdout, r.stdout


def test_scenarios_of_different_durations_are_compared_up_to_the_shorter(osteon, tmp_path, repo):
    short = tmp_path / "short.yaml"
    text = (repo / PTH).read_text()
    lines = [ln if not ln.startswith("duration:") else "duration: 100 d" for ln in text.splitlines()]
    lines = [ln if not ln.startswith("name:") else "name: short_pth" for ln in lines]
    short.write_text("\n".join(lines) + "\n")
    r = osteon("compare", PTH, short, "-o", tmp_path / "c.h5")
    assert r.returncode == 0, r.stderr
    assert "compared over 100 d, the shortest duration (lemaire2004_pth" in r.stdout, r.stdout
    assert "at 100 d:" in r.stdout
    ds = xr.open_dataset(tmp_path / "c.h5", engine="h5netcdf")
    assert float(ds["time"].values[-1]) == 100.0
    r = osteon("compare", PTH, short, "--at", "150d")
    assert r.returncode == 2 and "times within the duration compared, 100 d (the shortest" in r.stderr
