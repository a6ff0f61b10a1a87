"""Sweeps beyond one machine (docs/cluster.md): `osteon sweep --shard I/N`
(job arrays) and `osteon merge`. The joined file must equal the file of the
unsharded sweep: every dataset bitwise, every attribute apart from `history`,
the sensitivity group included. Bad shard specifications and every kind of
wrong shard set are refused with exit code 2 and nothing written."""

import pathlib
import random
import shutil
import signal
import subprocess

import h5py
import numpy as np
import pytest

from interrupted_sweeps import assert_same_file, slow_sweep, wait_for_blocks

EXIT_OK, EXIT_BAD_INPUT = 0, 2
REPO = pathlib.Path(__file__).resolve().parents[2]
SWEEPS = REPO / "scenarios" / "sweeps"
PIVONKA_RANKL = REPO / "scenarios" / "literature" / "pivonka2008_rankl.yaml"


def sobol_sweep(tmp_path, seed=5, name="cluster_probe"):
    """A Sobol' sweep (16 base samples, 3 factors: 128 runs) with one kept
    trajectory, so the files hold (run, time) data, metrics and a sensitivity group."""
    path = tmp_path / f"{name}_{seed}.yaml"
    path.write_text(f"""osteon: 1
name: {name}
base: {PIVONKA_RANKL}
factors:
  - {{path: P_OPG, range: [0 pM/d, 1000 pM/d]}}
  - {{path: A_OCa, range: [0.5 /d, 0.9 /d]}}
  - {{path: K_A1, distribution: loguniform, range: [1e-4 /pM, 2e-3 /pM]}}
design: {{type: sobol, samples: 16, seed: {seed}}}
analysis: {{bootstrap: 50}}
outputs: [BV]
metrics:
  - {{name: bv_end, value: BV, at: 200 d}}
  - {{name: oca_peak, max: OCa}}
  - {{name: recovered, time_to: "BV >= 99.9", from: 80 d}}
""")
    return path


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def failing_sweep(tmp_path):
    """40 runs of which 4 fail (the step limit is reached where osteoclasts respond fastest): the files
    hold NaN rows, status 1 and messages, which shards, merge and MPI must carry over exactly."""
    path = tmp_path / "failing.yaml"
    path.write_text("""osteon: 1
name: failing_probe
scenario:
  osteon: 1
  name: failing_base
  model: pivonka2008
  duration: 200 d
  output: {every: 10 d}
  solver: {rtol: 1e-10, atol: 1e-16, max_steps: 450}
  events:
    - {at: 20 d, set: {P_RANKL: 1e4 pM/d}}
    - {at: 80 d, set: {P_RANKL: 0 pM/d}}
factors:
  - {path: P_OPG, range: [0 pM/d, 2e4 pM/d]}
  - {path: A_OCa, range: [0.3 /d, 0.91 /d]}
design: {type: lhs, samples: 40, seed: 3}
outputs: [OCa]
metrics:
  - {name: bv_min, min: BV}
""")
    return path


def run_shards(osteon, sweep, tmp_path, n, prefix="part"):
    paths = []
    for i in range(1, n + 1):
        p = tmp_path / f"{prefix}-{i}-of-{n}.h5"
        done = osteon("sweep", sweep, "-o", p, "--shard", f"{i}/{n}", "--threads", "1", "--quiet")
        assert done.returncode == EXIT_OK, done.stderr
        paths.append(p)
    return paths


@pytest.fixture(scope="module")
def probe(tmp_path_factory, osteon):
    """The serial file of the Sobol' probe and its three shards."""
    tmp = tmp_path_factory.mktemp("probe")
    sweep = sobol_sweep(tmp)
    serial = tmp / "serial.h5"
    done = osteon("sweep", sweep, "-o", serial, "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    return sweep, serial, run_shards(osteon, sweep, tmp, 3), tmp


# ---- shards -------------------------------------------------------------------------------------

def test_a_shard_holds_its_contiguous_runs_with_global_indices(probe):
    sweep, serial, shards, _ = probe
    with h5py.File(serial, "r") as s:
        n = s["run"].shape[0]
        assert n == 16 * (2 * 3 + 2)
        for i, path in enumerate(shards, start=1):
            with h5py.File(path, "r") as f:
                lo, hi = (i - 1) * n // 3, i * n // 3        # floor((I-1) n/N) .. floor(I n/N) - 1
                np.testing.assert_array_equal(f["run"][()], np.arange(lo, hi))
                assert text(f.attrs["sweep_shard"]) == f"{i}/3"
                assert f.attrs["sweep_total_runs"] == n
                assert text(f.attrs["sweep_fingerprint"]) == text(s.attrs["sweep_fingerprint"])
                assert "sensitivity" not in f                   # analysed only when joined
                assert "osteon_block_done" not in f
                for name in ("P_OPG", "A_OCa", "K_A1", "bv_end", "oca_peak", "recovered", "status"):
                    np.testing.assert_array_equal(f[name][()], s[name][lo:hi])
                np.testing.assert_array_equal(f["BV"][()], s["BV"][lo:hi])


def test_analyze_refuses_a_shard(osteon, probe):
    _, _, shards, _ = probe
    done = osteon("analyze", shards[0])
    assert done.returncode == EXIT_BAD_INPUT and "shard 1/3 of a sweep" in done.stderr and "osteon merge" in done.stderr


@pytest.mark.parametrize("n", [1, 3])
def test_merged_shards_equal_the_serial_sweep(osteon, probe, tmp_path, n):
    sweep, serial, shards, _ = probe
    if n == 1:
        shards = run_shards(osteon, sweep, tmp_path, 1)
    given = list(shards)
    random.Random(n).shuffle(given)  # any order
    out = tmp_path / "merged.h5"
    done = osteon("merge", out, *given)
    assert done.returncode == EXIT_OK, done.stderr
    assert "Sobol' indices" in done.stdout and "wrote" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("merged")) == ["merged.h5"]
    with h5py.File(out, "r") as f:
        assert "sensitivity/S1" in f and "sweep_shard" not in f.attrs
        assert " merge " in text(f.attrs["history"])
    assert_same_file(serial, out)


def test_merge_of_a_grid_with_trajectories(osteon, tmp_path):
    """komarova2003_grid: 25 runs, full trajectories of z, no sensitivity group; shards of uneven size."""
    sweep = SWEEPS / "komarova2003_grid.yaml"
    serial = tmp_path / "serial.h5"
    assert osteon("sweep", sweep, "-o", serial, "--quiet").returncode == EXIT_OK
    shards = run_shards(osteon, sweep, tmp_path, 4)  # 6, 6, 6, 7 runs
    with h5py.File(shards[-1], "r") as f:
        assert f["run"].shape == (7,) and f["z"].shape == (7, 601)
    out = tmp_path / "merged.h5"
    done = osteon("merge", out, *shards)
    assert done.returncode == EXIT_OK, done.stderr
    assert_same_file(serial, out)


def test_merge_keeps_failed_runs_and_their_messages(osteon, tmp_path):
    sweep = failing_sweep(tmp_path)
    serial = tmp_path / "serial.h5"
    done = osteon("sweep", sweep, "-o", serial, "--quiet")
    assert done.returncode == 0 and "4 of 40 run(s) failed" in done.stderr, done.stderr
    with h5py.File(serial, "r") as f:
        failed = np.flatnonzero(f["status"][()] == 1)
        assert len(failed) == 4
        assert all(f["status_message"][i] for i in failed) and np.isnan(f["OCa"][failed]).all()
    shards = run_shards(osteon, sweep, tmp_path, 3)
    out = tmp_path / "merged.h5"
    done = osteon("merge", out, *shards)
    assert done.returncode == EXIT_OK and "4 of 40 run(s) failed" in done.stderr, done.stderr
    assert_same_file(serial, out)


# ---- bad --shard -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value,found,expected", [
    ("0/4", "'0/4' (I = 0)", "between 1 and N = 4"),
    ("5/4", "'5/4' (I = 5)", "between 1 and N = 4"),
    ("1/0", "'1/0' (N = 0)", "N >= 1"),
    ("2", "'2'", "I/N"),
    ("a/b", "'a/b'", "I/N"),
    ("-1/4", "'-1/4'", "I/N"),
    ("1/4/2", "'1/4/2'", "I/N"),
    ("1/26", "(N = 26 shards)", "at most as many shards as the sweep has runs (25)"),
])
def test_bad_shard_values_exit_2_naming_the_option(osteon, tmp_path, value, found, expected):
    out = tmp_path / "s.h5"
    done = osteon("sweep", SWEEPS / "komarova2003_grid.yaml", "-o", out, "--shard", value)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert "--shard" in done.stderr and found in done.stderr and expected in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []


# ---- merge refusals ----------------------------------------------------------------------------------

def refused(osteon, tmp_path, *shards, needles):
    out = tmp_path / "joined.h5"
    done = osteon("merge", out, *shards)
    assert done.returncode == EXIT_BAD_INPUT, (done.stdout, done.stderr)
    for needle in needles:
        assert needle in done.stderr, done.stderr
    assert not out.exists() and not pathlib.Path(str(out) + ".partial").exists()
    return done.stderr


def test_merge_refuses_shards_of_another_sweep(osteon, probe, tmp_path):
    _, _, shards, _ = probe
    other = run_shards(osteon, sobol_sweep(tmp_path, seed=6), tmp_path, 3, prefix="other")
    err = refused(osteon, tmp_path, shards[0], other[1], shards[2], needles=["shards of different sweeps", "fingerprint"])
    assert str(other[1]) in err


def test_merge_refuses_overlapping_shards(osteon, probe, tmp_path):
    sweep, _, shards, _ = probe
    halves = run_shards(osteon, sweep, tmp_path, 2, prefix="half")  # runs 0..63, 64..127
    # thirds: 0..41, 42..84, 85..127
    refused(osteon, tmp_path, halves[0], shards[1], shards[2],
            needles=["overlapping shards", "shard 1/2, runs 0..63", "shard 2/3, runs 42..84", "both hold runs 42..63"])
    refused(osteon, tmp_path, shards[0], shards[0], shards[1], shards[2], needles=["overlapping shards"])


def test_merge_refuses_missing_runs_naming_them(osteon, probe, tmp_path):
    _, _, shards, _ = probe
    refused(osteon, tmp_path, shards[0], shards[2], needles=["missing runs 42..84 of 128", "(shard 2/3)"])
    refused(osteon, tmp_path, shards[1], needles=["missing runs 0..41, runs 85..127 of 128", "(shard 1/3, 3/3)"])


def test_merge_refuses_incomplete_and_foreign_files(osteon, probe, tmp_path):
    sweep, serial, shards, _ = probe
    # The partial file of a shard interrupted before its end.
    partial = tmp_path / "part-2-of-3.h5.partial"
    shutil.copy(shards[1], partial)
    with h5py.File(partial, "r+") as f:
        f.attrs["osteon_checkpoint_fingerprint"] = "x"
        f.create_dataset("osteon_block_done", data=np.zeros(1, dtype="i1"))
    refused(osteon, tmp_path, shards[0], partial, shards[2], needles=["incomplete shard", "--resume"])
    # Not HDF5, HDF5 not from osteon, and the file of a whole sweep.
    text = tmp_path / "notes.h5"
    text.write_text("not hdf5\n")
    refused(osteon, tmp_path, shards[0], text, shards[2], needles=["not HDF5", str(text)])
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f["run"] = np.arange(42, 85)
    refused(osteon, tmp_path, shards[0], foreign, shards[2], needles=["not written by osteon"])
    refused(osteon, tmp_path, serial, needles=["whole sweep, not of a shard"])
    refused(osteon, tmp_path, tmp_path / "absent.h5", needles=["no such file"])


def test_merge_needs_force_to_replace_its_output(osteon, probe, tmp_path):
    _, serial, shards, _ = probe
    out = tmp_path / "m.h5"
    out.write_text("old")
    done = osteon("merge", out, *shards)
    assert done.returncode == EXIT_BAD_INPUT and "--force" in done.stderr
    assert out.read_text() == "old"
    done = osteon("merge", out, *shards, "--force", "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout == ""
    assert_same_file(serial, out)
    done = osteon("merge", shards[0], *shards, "--force")
    assert done.returncode == EXIT_BAD_INPUT and "among the shards" in done.stderr


# ---- a shard interrupted and resumed -------------------------------------------------------------------

def test_a_killed_shard_resumes_to_identical_data(osteon, osteon_binary, tmp_path, monkeypatch):
    monkeypatch.setenv("HDF5_USE_FILE_LOCKING", "FALSE")  # reading the partial file while it is written
    sweep = slow_sweep(tmp_path, name="slow_shards", seed=11, wide=False, second_order=False)
    straight = tmp_path / "straight.h5"
    assert osteon("sweep", sweep, "-o", straight, "--shard", "2/2", "--quiet").returncode == EXIT_OK

    out = tmp_path / "killed.h5"
    partial = pathlib.Path(str(out) + ".partial")
    proc = subprocess.Popen([str(osteon_binary), "sweep", str(sweep), "-o", str(out), "--shard", "2/2", "--threads", "1",
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_blocks(proc, partial, 10)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    with h5py.File(partial, "r") as f:
        mask = f["osteon_block_done"][()]
        assert 10 <= mask.sum() < mask.size
        np.testing.assert_array_equal(f["run"][()], np.arange(2048, 4096))
    # Another shard may not continue this shard's partial file.
    done = osteon("sweep", sweep, "-o", out, "--shard", "1/2", "--resume")
    assert done.returncode == EXIT_BAD_INPUT and "different sweep definition" in done.stderr
    done = osteon("sweep", sweep, "-o", out, "--shard", "2/2", "--resume", "--threads", "2")
    assert done.returncode == EXIT_OK, done.stderr
    assert "stored before the resume" in done.stdout and "shard 2/2: runs 2048..4095 of 4096" in done.stdout
    assert not partial.exists()
    assert_same_file(straight, out)


# ---- help --------------------------------------------------------------------------------------------------

def test_help_names_shard_and_merge(osteon):
    done = osteon("sweep", "--help")
    assert done.returncode == EXIT_OK and "--shard I/N" in done.stdout and "osteon merge" in done.stdout
    done = osteon("merge", "--help")
    assert done.returncode == EXIT_OK and "osteon merge OUT.h5 SHARD.h5..." in done.stdout and "--force" in done.stdout
    text = osteon("--help").stdout
    assert "--shard I/N" in text and "osteon merge OUT.h5 SHARD.h5..." in text
