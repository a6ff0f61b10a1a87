"""`osteon sweep` and `osteon analyze` (docs/sweeps.md) as a user meets them:
the output file as xarray reads it, metrics that agree with the stored
trajectories, sensitivity indices that agree with SALib's formulas, designs
that agree with scipy's Sobol' points, bad sweep files, and resuming after
SIGKILL or Ctrl-C with results bitwise identical to an uninterrupted run."""

import json
import os
import pathlib
import pty
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest
import xarray as xr
from scipy.stats import qmc

from interrupted_sweeps import assert_same_datasets, blocks_done, slow_sweep, wait_for_blocks

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 3
REPO = pathlib.Path(__file__).resolve().parents[2]
SWEEPS = REPO / "scenarios" / "sweeps"
PIVONKA_RANKL = REPO / "scenarios" / "literature" / "pivonka2008_rankl.yaml"


def write(path, text):
    path.write_text(text)
    return path


# ---- a grid on an existing model --------------------------------------------------------

def test_komarova_grid_file_layout_and_metrics(osteon, tmp_path):
    out = tmp_path / "k.h5"
    done = osteon("sweep", SWEEPS / "komarova2003_grid.yaml", "-o", out)
    assert done.returncode == EXIT_OK, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.h5"]  # no partial or temporary file left
    assert "z_end" in done.stdout and "wrote" in done.stdout
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        assert dict(ds.sizes) == {"run": 25, "time": 601}
        assert set(ds.coords) >= {"k1", "k2", "run", "time"}
        assert ds.z.dims == ("run", "time")
        assert "OC" not in ds and "OB" not in ds  # trajectories only for the variables asked for
        assert ds.k1.attrs["units"] == "%/(cell*d)" and ds.k1.attrs["osteon_path"] == "k1"
        # Grid order: the last factor varies fastest.
        k1 = np.linspace(0.12, 0.36, 5)
        k2 = np.linspace(0.00085, 0.00255, 5)
        np.testing.assert_allclose(ds.k1.values, np.repeat(k1, 5), rtol=1e-14)
        np.testing.assert_allclose(ds.k2.values, np.tile(k2, 5), rtol=1e-14)
        assert (ds.status.values == 0).all()
        for name, unit in {"z_end": "%", "z_min": "%", "z_min_time": "d", "z_recovered_time": "d",
                           "oc_auc": "cells d", "z_change": "%"}.items():
            assert ds[name].dims == ("run",)
            assert ds[name].attrs["units"] == unit
            assert ds[name].attrs["long_name"]
        # Metrics computed on the fly agree with the stored trajectories.
        z, t = ds.z.values, ds.time.values
        np.testing.assert_array_equal(ds.z_end.values, z[:, -1])
        np.testing.assert_array_equal(ds.z_min.values, z.min(axis=1))
        np.testing.assert_array_equal(ds.z_min_time.values, t[z.argmin(axis=1)])
        np.testing.assert_array_equal(ds.z_change.values, z[:, -1] - z[:, 0])
        for r in range(25):
            k = np.flatnonzero((z[r] >= 99.5) & (t >= 10.0))
            if len(k) == 0:
                assert np.isnan(ds.z_recovered_time.values[r])
            else:
                k = k[0]
                expect = t[k - 1] + (99.5 - z[r, k - 1]) / (z[r, k] - z[r, k - 1]) * (t[k] - t[k - 1])
                assert ds.z_recovered_time.values[r] == pytest.approx(expect, rel=1e-12)
        # Less formation per osteoblast, less bone at the end of the cycle.
        z_end = ds.z_end.values.reshape(5, 5)
        assert (np.diff(z_end, axis=1) > 0).all() and (np.diff(z_end, axis=0) < 0).all()
        assert ds.attrs["sweep_design"] == "grid"
        assert "name: komarova2003_grid" in ds.attrs["sweep"]
        assert "name: komarova2003_fig2" in ds.attrs["scenario"]


def test_a_run_the_model_cannot_simulate_fails_alone(osteon, tmp_path):
    """A factor value that every check admits but that makes one run's regimen impossible
    (denosumab stopped 10 days in, before its start at 30 days) fails that run with the reason;
    the sweep finishes the others and exits 0."""
    sweep = write(tmp_path / "stop.yaml", """osteon: 1
name: stop_grid
scenario:
  osteon: 1
  name: stop_base
  model: martinez_reina2019
  duration: 2 y
  output: {every: 1 mo}
  drugs:
    - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 30 d}
factors:
  - {path: "drugs[0].stop", values: [1 y, 10 d, 2 y]}
design: {type: grid}
outputs: [BV_TV]
metrics:
  - {name: bv_end, value: BV_TV, at: 2 y}
""")
    out = tmp_path / "stop.h5"
    done = osteon("sweep", sweep, "-o", out, "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    with h5py.File(out, "r") as f:
        np.testing.assert_array_equal(f["status"][()], [0, 1, 0])
        message = f["status_message"][1].decode()
        assert "run 1 cannot be simulated" in message and "stop" in message, message
        assert np.isnan(f["bv_end"][1]) and np.isnan(f["BV_TV"][1]).all()
        assert np.isfinite(f["bv_end"][[0, 2]]).all() and np.isfinite(f["BV_TV"][[0, 2]]).all()
        # The two good runs differ only after the earlier stop (1 y): equal before, apart after.
        assert f["BV_TV"][0, 12] == f["BV_TV"][2, 12] and f["bv_end"][0] != f["bv_end"][2]


# ---- Sobol' design and indices -------------------------------------------------------------

def salib_first_total(y, n, d):
    """SALib's sobol.analyze formulas (Saltelli 2010 first order, Jansen total),
    written out independently here."""
    y = (y - y.mean()) / y.std()
    step = 2 * d + 2
    a, b = y[0::step], y[step - 1::step]
    var = np.var(np.r_[a, b])
    s1, st = [], []
    for j in range(d):
        ab = y[j + 1::step]
        s1.append(np.mean(b * (ab - a)) / var)
        st.append(0.5 * np.mean((a - ab) ** 2) / var)
    return np.array(s1), np.array(st)


def test_pivonka_sobol_indices_agree_with_salib_formulas_and_analyze(osteon, tmp_path):
    out = tmp_path / "p.h5"
    done = osteon("sweep", SWEEPS / "pivonka2008_sobol.yaml", "-o", out)
    assert done.returncode == EXIT_OK, done.stderr
    assert "Sobol' indices" in done.stdout
    with xr.open_dataset(out, engine="h5netcdf", group="sensitivity") as sens, \
            xr.open_dataset(out, engine="h5netcdf") as ds:
        metrics = list(sens.metric.values)
        factors = list(sens.factor.values)
        assert factors == ["P_OPG", "K_A1", "K_A2", "D_RANKL", "A_OCa"]
        assert metrics == ["bv_min", "bv_end", "oca_peak", "oca_peak_time", "oca_auc"]
        for name in ("S1", "S1_conf", "ST", "ST_conf"):
            assert sens[name].dims == ("metric", "factor")
        assert sens.S2.dims == ("metric", "factor", "factor_j")
        assert sens.attrs["method"] == "sobol"
        assert ds.sizes["run"] == 512 * (2 * 5 + 2)
        for m, metric in enumerate(metrics):
            s1, st = salib_first_total(ds[metric].values, 512, 5)
            np.testing.assert_allclose(sens.S1.values[m], s1, rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(sens.ST.values[m], st, rtol=1e-9, atol=1e-12)
            assert (sens.S1_conf.values[m] > 0).all() and (sens.S1_conf.values[m] < 0.2).all()
        stored = {k: sens[k].values for k in ("S1", "S1_conf", "ST", "ST_conf")}
    # `osteon analyze` recomputes exactly what the sweep stored.
    done = osteon("analyze", out, "--format", "json")
    assert done.returncode == EXIT_OK, done.stderr
    js = json.loads(done.stdout)
    for m, metric in enumerate(metrics):
        for k in stored:
            np.testing.assert_array_equal(np.array(js["metrics"][metric][k]), stored[k][m])
    text = osteon("analyze", out).stdout
    assert "Sobol' indices" in text and "D_RANKL" in text and "6144 runs: 6144 ok" in text
    # Other bootstrap settings change the intervals, not the indices.
    js2 = json.loads(osteon("analyze", out, "--format", "json", "--bootstrap", "50", "--seed", "3").stdout)
    assert js2["metrics"]["bv_min"]["S1"] == js["metrics"]["bv_min"]["S1"]
    assert js2["metrics"]["bv_min"]["S1_conf"] != js["metrics"]["bv_min"]["S1_conf"]


def sobol_probe(tmp_path, randomize, samples=16, second_order="true"):
    return write(tmp_path / "probe.yaml", f"""osteon: 1
name: probe
base: {PIVONKA_RANKL}
factors:
  - {{path: P_OPG, range: [0 pM/d, 1000 pM/d]}}
  - {{path: A_OCa, range: [0.5 /d, 0.9 /d]}}
  - {{path: K_A1, range: [1e-4 /pM, 2e-3 /pM]}}
design: {{type: sobol, samples: {samples}, seed: 5, randomize: {randomize}, second_order: {second_order}}}
metrics: [{{name: bv_end, value: BV, at: 200 d}}]
""")


@pytest.mark.parametrize("second_order", [True, False])
def test_unshifted_sobol_design_equals_scipys_points_in_salibs_layout(osteon, tmp_path, second_order):
    sweep = sobol_probe(tmp_path, "none", 32, "true" if second_order else "false")
    done = osteon("sweep", sweep, "--emit-design")
    assert done.returncode == EXIT_OK, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "P_OPG,A_OCa,K_A1"
    x = np.array([[float(v) for v in line.split(",")] for line in lines[1:]])
    d, n = 3, 32
    lo, hi = np.array([0.0, 0.5, 1e-4]), np.array([1000.0, 0.9, 2e-3])
    base = qmc.Sobol(2 * d, scramble=False).random(n)
    a, b = lo + base[:, :d] * (hi - lo), lo + base[:, d:] * (hi - lo)
    rows = []
    for i in range(n):  # SALib's saltelli/sobol.sample order
        rows.append(a[i])
        for k in range(d):
            r = a[i].copy(); r[k] = b[i, k]; rows.append(r)
        if second_order:
            for k in range(d):
                r = b[i].copy(); r[k] = a[i, k]; rows.append(r)
        rows.append(b[i])
    np.testing.assert_allclose(x, np.array(rows), rtol=1e-15, atol=0)


def test_emit_problem_is_a_salib_problem(osteon, tmp_path):
    done = osteon("sweep", sobol_probe(tmp_path, "shift"), "--emit-problem")
    assert done.returncode == EXIT_OK, done.stderr
    problem = json.loads(done.stdout)
    assert problem["num_vars"] == 3
    assert problem["names"] == ["P_OPG", "A_OCa", "K_A1"]
    assert problem["bounds"] == [[0.0, 1000.0], [0.5, 0.9], [1e-4, 2e-3]]
    assert problem["dists"] == ["unif", "unif", "unif"]
    # The same problem, given to osteon as SALib writes it, makes the same design.
    probe2 = write(tmp_path / "probe2.yaml", f"""osteon: 1
name: probe2
base: {PIVONKA_RANKL}
problem: {json.dumps({k: problem[k] for k in ("num_vars", "names", "bounds", "dists")})}
design: {{type: sobol, samples: 16, seed: 5, randomize: shift}}
metrics: [{{name: bv_end, value: BV, at: 200 d}}]
""")
    d1 = osteon("sweep", sobol_probe(tmp_path, "shift"), "--emit-design").stdout
    d2 = osteon("sweep", probe2, "--emit-design").stdout
    assert d1 == d2 and len(d1.splitlines()) == 1 + 16 * 8


def test_morris_sweep_stores_mu_star_and_sigma(osteon, tmp_path):
    sweep = write(tmp_path / "m.yaml", f"""osteon: 1
name: morris_probe
base: {PIVONKA_RANKL}
factors:
  - {{path: A_OCa, range: [0.5 /d, 0.9 /d]}}
  - {{path: P_OPG, range: [0 pM/d, 1e4 pM/d]}}
design: {{type: morris, trajectories: 12, levels: 4, seed: 3}}
metrics: [{{name: bv_end, value: BV, at: 200 d}}, {{name: oca_peak, max: OCa}}]
""")
    out = tmp_path / "m.h5"
    done = osteon("sweep", sweep, "-o", out)
    assert done.returncode == EXIT_OK, done.stderr
    assert "Morris" in done.stdout
    with xr.open_dataset(out, engine="h5netcdf", group="sensitivity") as s, xr.open_dataset(out, engine="h5netcdf") as ds:
        assert s.attrs["method"] == "morris"
        assert s.mu_star.dims == ("metric", "factor")
        # Recompute the elementary effects from the stored design and outputs.
        x = np.c_[(ds.A_OCa.values - 0.5) / 0.4, ds.P_OPG.values / 1e4]
        y = ds.bv_end.values
        ee = [[], []]
        for t in range(12):
            for k in range(2):
                r0 = t * 3 + k
                j = int(np.flatnonzero(x[r0 + 1] != x[r0])[0])
                ee[j].append((y[r0 + 1] - y[r0]) / (x[r0 + 1, j] - x[r0, j]))
        np.testing.assert_allclose(s.mu_star.values[0], [np.mean(np.abs(e)) for e in ee], rtol=1e-9)
        np.testing.assert_allclose(s.sigma.values[0], [np.std(e, ddof=1) for e in ee], rtol=1e-9)
        np.testing.assert_allclose(s.mu.values[0], [np.mean(e) for e in ee], rtol=1e-9)


# ---- bad input ------------------------------------------------------------------------------

BAD = {
    "unknown factor path": ("  - {path: P_XYZ, range: [0, 1]}\n", "design: {type: lhs, samples: 4, seed: 1}\n",
                            ":5:", "factors[0].path"),
    "empty range": ("  - {path: P_OPG, range: [10 pM/d, 10 pM/d]}\n", "design: {type: lhs, samples: 4, seed: 1}\n",
                    ":5:", "empty range"),
    "negative sample count": ("  - {path: P_OPG, range: [0, 1]}\n", "design: {type: lhs, samples: -3, seed: 1}\n",
                              ":6:", "design.samples"),
    "bad distribution": ("  - {path: P_OPG, distribution: weibull, range: [0, 1]}\n",
                         "design: {type: lhs, samples: 4, seed: 1}\n", ":5:", "unknown distribution 'weibull'"),
    "correlation not positive definite": (
        "  - {path: A_OCa, distribution: normal, mean: 0.7, sd: 0.01}\n"
        "  - {path: D_OCp, distribution: normal, mean: 0.0021, sd: 0.0001}\n"
        "  - {path: A_OBa, distribution: normal, mean: 0.189, sd: 0.001}\n",
        "design: {type: population, samples: 4, seed: 1, correlation: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]}\n",
        ":8:", "not positive definite"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_sweep_files_name_file_line_and_key(osteon, tmp_path, case):
    factors, design, where, needle = BAD[case]
    sweep = write(tmp_path / "bad.yaml", f"osteon: 1\nname: bad\nbase: {PIVONKA_RANKL}\nfactors:\n{factors}{design}"
                                         "metrics: [{name: bv_end, value: BV, at: 200 d}]\n")
    done = osteon("sweep", sweep, "-o", tmp_path / "out.h5")
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"bad.yaml{where}" in done.stderr and needle in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_existing_output_or_partial_needs_force_or_resume(osteon, tmp_path):
    out = tmp_path / "k.h5"
    assert osteon("sweep", SWEEPS / "komarova2003_grid.yaml", "-o", out).returncode == EXIT_OK
    done = osteon("sweep", SWEEPS / "komarova2003_grid.yaml", "-o", out)
    assert done.returncode == EXIT_BAD_INPUT and "--force" in done.stderr
    done = osteon("sweep", SWEEPS / "komarova2003_grid.yaml", "-o", out, "--resume")
    assert done.returncode == EXIT_OK and "nothing to resume" in done.stderr
    assert osteon("sweep", SWEEPS / "komarova2003_grid.yaml", "-o", out, "--resume", "--force").returncode == EXIT_BAD_INPUT


# ---- interruption and resume -------------------------------------------------------------------

@pytest.fixture
def no_hdf5_locking(monkeypatch):
    # Reading the partial file while the sweep holds it open for writing.
    monkeypatch.setenv("HDF5_USE_FILE_LOCKING", "FALSE")


def start_and_stop(osteon_binary, sweep, out, sig, min_blocks=20):
    partial = pathlib.Path(str(out) + ".partial")
    proc = subprocess.Popen([str(osteon_binary), "sweep", str(sweep), "-o", str(out), "--threads", "1", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_blocks(proc, partial, min_blocks)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    return proc.returncode, stderr, partial


def test_resume_after_sigkill_is_bitwise_identical(osteon, osteon_binary, tmp_path, no_hdf5_locking):
    sweep = slow_sweep(tmp_path)
    straight = tmp_path / "straight.h5"
    assert osteon("sweep", sweep, "-o", straight, "--quiet").returncode == EXIT_OK

    out = tmp_path / "killed.h5"
    code, _, partial = start_and_stop(osteon_binary, sweep, out, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert partial.exists() and not out.exists()
    done_before, total = blocks_done(partial)
    assert 20 <= done_before < total

    done = osteon("sweep", sweep, "-o", out, "--resume", "--threads", "2")
    assert done.returncode == EXIT_OK, done.stderr
    assert "stored before the resume" in done.stdout
    assert not partial.exists() and not pathlib.Path(str(out) + ".partial-messages").exists()
    assert "sensitivity/S1" in assert_same_datasets(straight, out)


KILL_SEEDS = [11, 23, 47]


@pytest.fixture(scope="module")
def uninterrupted_short_sweep(osteon, tmp_path_factory):
    """1536 runs (96 blocks of 16) of the slow sweep, computed once without interruption."""
    tmp = tmp_path_factory.mktemp("short_sweep")
    sweep = slow_sweep(tmp, name="short", samples=128)
    straight = tmp / "straight.h5"
    done = osteon("sweep", sweep, "-o", straight, "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    return sweep, straight


@pytest.mark.parametrize("seed", KILL_SEEDS)
def test_sigkill_at_a_random_point_then_resume_is_bitwise_identical(osteon, osteon_binary, tmp_path, no_hdf5_locking,
                                                                   uninterrupted_short_sweep, seed):
    import random
    sweep, straight = uninterrupted_short_sweep
    rng = random.Random(seed)
    # A pseudo-random point: after some number of finished blocks, plus a delay
    # that lands the kill anywhere inside the writing of the next ones.
    min_blocks = rng.randint(1, 80)
    out = tmp_path / "killed.h5"
    partial = pathlib.Path(str(out) + ".partial")
    proc = subprocess.Popen([str(osteon_binary), "sweep", str(sweep), "-o", str(out), "--threads", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_for_blocks(proc, partial, min_blocks, timeout=60, poll=0.002)
    time.sleep(rng.uniform(0.0, 0.05))
    assert proc.poll() is None, "the sweep finished before it could be killed"
    proc.kill()
    proc.communicate(timeout=60)
    assert partial.exists() and not out.exists()
    done = osteon("sweep", sweep, "-o", out, "--resume", "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    assert_same_datasets(straight, out)  # whatever point the kill landed at (seed, min_blocks)


def test_ctrl_c_exits_3_and_resume_completes(osteon, osteon_binary, tmp_path, no_hdf5_locking):
    sweep = slow_sweep(tmp_path, seed=8)
    out = tmp_path / "int.h5"
    code, stderr, partial = start_and_stop(osteon_binary, sweep, out, signal.SIGINT)
    assert code == EXIT_INTERRUPTED, stderr
    assert "--resume" in stderr and "runs are stored in" in stderr
    assert partial.exists() and not out.exists()
    # Exported, the partial file gave a table of every run, most never computed (exit 0, before).
    csv = tmp_path / "int.csv"
    refused = osteon("export", partial, "-o", csv)
    assert refused.returncode == EXIT_BAD_INPUT and "partial file of an interrupted sweep" in refused.stderr
    assert not csv.exists()
    # A different sweep definition may not continue it.
    changed = slow_sweep(tmp_path, seed=9)
    done = osteon("sweep", changed, "-o", out, "--resume")
    assert done.returncode == EXIT_BAD_INPUT and "different sweep definition" in done.stderr
    # Nor may a fresh start overwrite it silently.
    sweep = slow_sweep(tmp_path, seed=8)
    done = osteon("sweep", sweep, "-o", out)
    assert done.returncode == EXIT_BAD_INPUT and "--resume" in done.stderr
    done = osteon("sweep", sweep, "-o", out, "--resume")
    assert done.returncode == EXIT_OK, done.stderr
    with h5py.File(out, "r") as f:
        assert (f["status"][()] == 0).all()
        assert "osteon_block_done" not in f


# ---- progress ------------------------------------------------------------------------------------

def test_progress_bar_only_on_a_terminal(osteon, osteon_binary, tmp_path):
    piped = osteon("sweep", SWEEPS / "pivonka2008_sobol.yaml", "-o", tmp_path / "a.h5")
    # Not a terminal (a log file, a batch job): plain progress lines, one per tenth of the runs
    # (issue 19: long sweeps said nothing until the end), never a redrawn bar.
    assert "\r" not in piped.stderr and "[###" not in piped.stderr
    lines = [ln for ln in piped.stderr.splitlines() if ln.startswith("osteon sweep: ") and "% (" in ln]
    assert len(lines) >= 10 and "10% (" in lines[0] and lines[-1].startswith("osteon sweep: 100% ("), piped.stderr
    assert "runs/s, about" in lines[0]
    quiet = osteon("sweep", SWEEPS / "pivonka2008_sobol.yaml", "-o", tmp_path / "q.h5", "--quiet")
    assert quiet.stderr == ""
    master, slave = pty.openpty()
    proc = subprocess.run([str(osteon_binary), "sweep", str(SWEEPS / "pivonka2008_sobol.yaml"), "-o",
                           str(tmp_path / "b.h5")], stderr=slave, stdout=subprocess.DEVNULL, timeout=300, check=False)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    shown = b"".join(chunks).decode()
    assert proc.returncode == EXIT_OK
    assert "runs/s" in shown and "6144/6144 runs" in shown and "100.0%" in shown


# ---- the sweeps shipped in scenarios/sweeps ---------------------------------------------------------

def registered_models(osteon):
    return set(osteon("models").stdout.split())


@pytest.mark.parametrize("sweep", sorted(p.name for p in SWEEPS.glob("*.yaml")))
def test_shipped_sweeps_load(osteon, sweep):
    text = (SWEEPS / sweep).read_text()
    if "model: integrated" in text and "integrated" not in registered_models(osteon):
        pytest.skip("the integrated model is not registered in this build")
    done = osteon("sweep", SWEEPS / sweep, "--emit-problem")
    assert done.returncode == EXIT_OK, done.stderr
    problem = json.loads(done.stdout)
    assert problem["num_vars"] == len(problem["names"]) >= 1
    done = osteon("validate", SWEEPS / sweep)
    assert done.returncode == EXIT_OK and ": ok (sweep over model" in done.stdout, done.stderr


def test_validate_checks_a_sweep(osteon, tmp_path):
    factors, design, where, needle = BAD["empty range"]
    sweep = write(tmp_path / "bad.yaml", f"osteon: 1\nname: bad\nbase: {PIVONKA_RANKL}\nfactors:\n{factors}{design}"
                                         "metrics: [{name: bv_end, value: BV, at: 200 d}]\n")
    done = osteon("validate", sweep)
    assert done.returncode == EXIT_BAD_INPUT and needle in done.stderr
    done = osteon("validate", SWEEPS / "pivonka2008_sobol.yaml")
    assert done.returncode == EXIT_OK and "6144 run(s)" in done.stdout


def test_sweep_examples_in_the_docs_load(osteon, tmp_path):
    import re
    page = (REPO / "docs" / "sweeps.md").read_text()
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", page, re.S) if "osteon: 1" in b and "design:" in b]
    assert blocks
    for i, block in enumerate(blocks):
        text = block.replace("base: ../literature/", f"base: {REPO / 'scenarios' / 'literature'}/")
        sweep = write(tmp_path / f"example{i}.yaml", text)
        done = osteon("sweep", sweep, "--emit-problem")
        assert done.returncode == EXIT_OK, (block, done.stderr)


def test_help(osteon):
    done = osteon("sweep", "--help")
    assert done.returncode == EXIT_OK and "--resume" in done.stdout and "3 interrupted" in done.stdout
    done = osteon("analyze", "--help")
    assert done.returncode == EXIT_OK and "--bootstrap" in done.stdout
    text = osteon("--help").stdout
    assert "osteon sweep" in text and "osteon analyze" in text and "3 interrupted" in text
