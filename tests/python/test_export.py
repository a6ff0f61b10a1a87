"""`osteon export FILE.h5 -o FILE.csv` (issue 19, item 11): the tidy table of run, compare and sweep
files, checked value by value against h5py; written atomically, never over a file without --force."""

import csv
import math

import h5py
import numpy as np
import pytest

FIG2 = "scenarios/literature/komarova2003_fig2.yaml"
PTH = "scenarios/literature/lemaire2004_pth.yaml"
OPG = "scenarios/literature/lemaire2004_opg.yaml"
GRID = "scenarios/sweeps/komarova2003_grid.yaml"


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def number(cell):
    return math.nan if cell == "" else float(cell)


def test_run_file_round_trips_every_value_exactly(osteon, tmp_path):
    h5 = tmp_path / "run.h5"
    assert osteon("run", FIG2, "-o", h5, "-q").returncode == 0
    out = tmp_path / "run.csv"
    r = osteon("export", h5, "-o", out)
    assert r.returncode == 0, r.stderr
    header, rows = read_csv(out)
    with h5py.File(h5) as f:
        variables = [n for n in f if isinstance(f[n], h5py.Dataset) and f[n].shape == (f["run"].size, f["time"].size)]
        assert header[0] == "run" and "status" in header
        assert f"time ({f['time'].attrs['units'].decode() if isinstance(f['time'].attrs['units'], bytes) else f['time'].attrs['units']})" in header
        times = f["time"][...]
        assert len(rows) == f["run"].size * times.size  # one row per run x time
        col = {h.split(" (")[0]: i for i, h in enumerate(header)}
        for v in variables:
            units = f[v].attrs["units"]
            units = units.decode() if isinstance(units, bytes) else units
            assert (f"{v} ({units})" if units else v) in header
            got = np.array([number(row[col[v]]) for row in rows])
            assert np.array_equal(got, f[v][...].reshape(-1), equal_nan=True), v  # shortest round-trip text
        assert np.array_equal(np.array([float(row[col["time"]]) for row in rows]), np.tile(times, f["run"].size))


def test_compare_file_has_the_scenario_column_and_subsets(osteon, tmp_path):
    h5 = tmp_path / "cmp.h5"
    assert osteon("compare", PTH, OPG, "--at", "50d", "-o", h5).returncode == 0
    out = tmp_path / "cmp.csv"
    r = osteon("export", h5, "-o", out, "--variables", "C,R", "--runs", "1")
    assert r.returncode == 0, r.stderr
    header, rows = read_csv(out)
    assert header[:2] == ["run", "scenario"]
    assert [h.split(" (")[0] for h in header[-2:]] == ["C", "R"]
    assert {row[1] for row in rows} == {"lemaire2004_opg"} and {row[0] for row in rows} == {"1"}
    with h5py.File(h5) as f:
        assert np.array_equal([float(row[-2]) for row in rows], f["C"][1])


def test_sweep_file_gives_factors_and_metrics_per_run(osteon, tmp_path):
    h5 = tmp_path / "sweep.h5"
    r = osteon("sweep", GRID, "-o", h5, "--quiet")
    if r.returncode != 0 and "not part of this build" in r.stderr:
        pytest.skip(r.stderr)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "sweep.csv"
    assert osteon("export", h5, "-o", out).returncode == 0
    header, rows = read_csv(out)
    names = [h.split(" (")[0] for h in header]
    assert {"k1", "k2", "z_end", "z_min", "status", "time", "z"} <= set(names)
    with h5py.File(h5) as f:
        nt = f["time"].size
        assert len(rows) == 25 * nt
        for name in ("k1", "z_end"):
            got = np.array([number(row[names.index(name)]) for row in rows[::nt]])
            assert np.array_equal(got, f[name][...], equal_nan=True)
    # A variable the file does not have.
    r = osteon("export", h5, "-o", tmp_path / "x.csv", "--variables", "nonsense")
    assert r.returncode == 2 and "key '--variables'" in r.stderr and "nonsense" in r.stderr


def test_refuses_to_overwrite_without_force_and_replaces_with_it(osteon, tmp_path):
    h5 = tmp_path / "run.h5"
    assert osteon("run", FIG2, "-o", h5, "-q").returncode == 0
    out = tmp_path / "old.csv"
    out.write_text("precious\n")
    r = osteon("export", h5, "-o", out)
    assert r.returncode == 2 and "--force" in r.stderr
    assert out.read_text() == "precious\n"
    assert osteon("export", h5, "-o", out, "--force").returncode == 0
    assert out.read_text().startswith("run,")
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name or p.name.endswith(".lock")]


@pytest.mark.parametrize("args, key", [
    (["--runs", "7"], "--runs"),
    (["--runs", "x-2"], "--runs"),
    (["--variables", "nope"], "--variables"),
])
def test_bad_selections_exit_2_naming_the_option(osteon, tmp_path, args, key):
    h5 = tmp_path / "run.h5"
    assert osteon("run", FIG2, "-o", h5, "-q").returncode == 0
    r = osteon("export", h5, "-o", tmp_path / "t.csv", *args)
    assert r.returncode == 2 and f"key '{key}'" in r.stderr
    assert not (tmp_path / "t.csv").exists()


def test_not_an_output_file_and_missing_output_exit_2(osteon, tmp_path):
    bogus = tmp_path / "x.h5"
    bogus.write_text("not hdf5")
    r = osteon("export", bogus, "-o", tmp_path / "x.csv")
    assert r.returncode == 2 and "cannot be opened as HDF5" in r.stderr
    r = osteon("export", tmp_path / "missing.h5", "-o", tmp_path / "x.csv")
    assert r.returncode == 2 and "no such file" in r.stderr
    r = osteon("export", bogus)
    assert r.returncode == 2 and "key '-o'" in r.stderr


def test_run_and_compare_to_a_csv_name_are_refused_pointing_to_export(osteon, tmp_path):
    for cmd in (["run", FIG2], ["compare", PTH, OPG]):
        r = osteon(*cmd, "-o", tmp_path / "x.csv")
        assert r.returncode == 2 and "osteon export OUT.h5 -o OUT.csv" in r.stderr
        assert not (tmp_path / "x.csv").exists()


def test_visits_and_rules_are_not_taken_for_times_or_runs(osteon, tmp_path):
    # One run, one rule and as many visits as output times: by length alone the rule's name
    # passed for a per-run column and the measurements at visits 0-5 d for values at 0-5 y.
    text = open("scenarios/pathways/ai_guideline.yaml").read()
    text = text.replace("output:\n  every: 1 mo", "output:\n  every: 1 y")
    text = text.replace("monitoring:\n  every: 2 y", "monitoring:\n  times: [0 d, 1 d, 2 d, 3 d, 4 d, 5 d]")
    scenario = tmp_path / "visits.yaml"
    scenario.write_text(text)
    h5 = tmp_path / "visits.h5"
    assert osteon("run", scenario, "-o", h5, "-q").returncode == 0
    with h5py.File(h5) as f:
        assert f["visit"].size == f["time"].size == 6 and f["rule"].size == f["run"].size == 1
    out = tmp_path / "visits.csv"
    r = osteon("export", h5, "-o", out)
    assert r.returncode == 0, r.stderr
    header, rows = read_csv(out)
    names = [h.split(" (")[0] for h in header]
    assert not [n for n in names if n.startswith("measured_") or n in ("rule", "rule_name", "rule_action", "decision")]
    assert "bmd_lumbar_spine_change" in names and len(rows) == 6
