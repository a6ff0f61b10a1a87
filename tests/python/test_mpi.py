"""MPI sweeps (docs/cluster.md): `mpirun -np N osteon sweep` with the MPI build
writes ONE file through parallel HDF5 that equals the serial sweep's file
(every dataset bitwise, every attribute apart from history), for an even and
an uneven partition of blocks over ranks, with the visits and decisions of care
pathways, and an MPI sweep killed mid-way resumes (with another number of ranks) to
the same data.

Needs an MPI build (`make build-mpi`): set OSTEON_MPI_BINARY to its
executable (build-mpi/bin/osteon); `make test-mpi` does. Without it these
tests are skipped, saying so. The serial reference is the same executable
started without mpirun (it then runs as the serial build does), and, when
OSTEON_BINARY is set, the serial build's executable too.
"""

import os
import pathlib
import shutil
import signal
import subprocess

import h5py
import numpy as np
import pytest

from interrupted_sweeps import assert_same_file, slow_sweep, wait_for_blocks
from test_cluster import failing_sweep, sobol_sweep

EXIT_OK, EXIT_BAD_INPUT = 0, 2
REPO = pathlib.Path(__file__).resolve().parents[2]

MPI_BINARY = os.environ.get("OSTEON_MPI_BINARY")
pytestmark = pytest.mark.skipif(
    not MPI_BINARY or not pathlib.Path(MPI_BINARY).is_file() or shutil.which("mpirun") is None,
    reason="no MPI build: set OSTEON_MPI_BINARY=build-mpi/bin/osteon (make test-mpi) with mpirun on PATH")

# Root in containers needs --allow-run-as-root; --oversubscribe lets 3 ranks share 2 cores;
# shared memory (vader) without single-copy (CMA is not permitted in most containers).
MPIRUN = ["mpirun", "--allow-run-as-root", "--oversubscribe", "--mca", "btl", "self,vader"]
MPI_ENV = {**os.environ, "OMPI_MCA_btl_vader_single_copy_mechanism": "none", "OMPI_MCA_rmaps_base_oversubscribe": "1",
           "HDF5_USE_FILE_LOCKING": "FALSE"}


def osteon_mpi(np_, *args, timeout=600):
    return subprocess.run([*MPIRUN, "-np", str(np_), MPI_BINARY, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=MPI_ENV, check=False, cwd=REPO)


def osteon_plain(binary, *args):
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=600, check=False, cwd=REPO)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mpi")
    sweep = sobol_sweep(tmp)
    serial = tmp / "serial.h5"
    done = osteon_plain(MPI_BINARY, "sweep", sweep, "-o", serial, "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    serial_build = os.environ.get("OSTEON_BINARY")
    if serial_build and pathlib.Path(serial_build).is_file():
        other = tmp / "serial_build.h5"
        done = osteon_plain(serial_build, "sweep", sweep, "-o", other, "--quiet")
        assert done.returncode == EXIT_OK, done.stderr
        # The MPI executable without mpirun is the serial sweep. The root attributes `source` and
        # `sweep_fingerprint` include each executable's git revision, which differs when the two
        # were built from different states of the tree.
        assert_same_file(other, serial, ignore=("source", "sweep_fingerprint"))
    return sweep, serial


@pytest.mark.parametrize("ranks", [2, 3])
def test_mpi_sweep_equals_the_serial_sweep(reference, tmp_path, ranks):
    sweep, serial = reference
    out = tmp_path / "mpi.h5"
    done = osteon_mpi(ranks, "sweep", sweep, "-o", out, "--threads", "1")
    assert done.returncode == EXIT_OK, done.stdout + done.stderr
    assert f"by {ranks} MPI ranks" in done.stdout and "Sobol' indices" in done.stdout
    assert done.stdout.count("wrote") == 1  # rank 0 reports, the others stay quiet
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mpi.h5"]  # no partial file or side logs left
    with h5py.File(out, "r") as f:
        assert (f["status"][()] == 0).all() and "sensitivity/ST" in f
    assert_same_file(serial, out)


def test_mpi_float32_sweep_equals_the_serial_float32_sweep(reference, tmp_path):
    sweep, _ = reference
    serial, out = tmp_path / "serial32.h5", tmp_path / "mpi32.h5"
    done = osteon_plain(MPI_BINARY, "sweep", sweep, "-o", serial, "--quiet", "--precision", "float32")
    assert done.returncode == EXIT_OK, done.stderr
    done = osteon_mpi(2, "sweep", sweep, "-o", out, "--threads", "1", "--precision", "float32")
    assert done.returncode == EXIT_OK, done.stdout + done.stderr
    with h5py.File(out, "r") as f:
        trajectories = [k for k, v in f.items() if isinstance(v, h5py.Dataset) and v.ndim == 2]
        assert trajectories and all(f[k].dtype == "float32" for k in trajectories)
    assert_same_file(serial, out)


def test_mpi_sweep_keeps_failed_runs_and_their_messages(tmp_path):
    sweep = failing_sweep(tmp_path)
    serial = tmp_path / "serial.h5"
    done = osteon_plain(MPI_BINARY, "sweep", sweep, "-o", serial, "--quiet")
    assert done.returncode == EXIT_OK and "4 of 40 run(s) failed" in done.stderr, done.stderr
    out = tmp_path / "mpi.h5"
    done = osteon_mpi(3, "sweep", sweep, "-o", out, "--threads", "1")
    assert done.returncode == EXIT_OK and "4 of 40 run(s) failed" in done.stderr, done.stdout + done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["failing.yaml", "mpi.h5", "serial.h5"]  # rank logs folded in
    assert_same_file(serial, out)


def test_mpi_sweep_stores_the_visits_and_decisions_of_the_serial_sweep(tmp_path):
    """Care pathways (docs/pathways.md): each rank writes its runs' measurements into the partial file
    and its decisions to its own side log; rank 0 writes them all, bitwise the serial sweep's."""
    sweep = REPO / "scenarios/pathways/treatment_threshold_sweep.yaml"
    serial = tmp_path / "serial.h5"
    done = osteon_plain(MPI_BINARY, "sweep", sweep, "-o", serial, "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    out = tmp_path / "mpi.h5"
    done = osteon_mpi(2, "sweep", sweep, "-o", out, "--threads", "1")
    assert done.returncode == EXIT_OK, done.stdout + done.stderr
    assert "by 2 MPI ranks" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mpi.h5", "serial.h5"]  # rank logs folded in
    with h5py.File(out, "r") as f:
        first = f["decision_time"][:, 0]
        assert f["measured_t_score_total_hip"].shape == (11, 3) and 0 < (~np.isnan(first)).sum() < 11
    assert_same_file(serial, out)


def test_mpi_sweep_refuses_an_existing_output_and_shard(reference, tmp_path):
    sweep, serial = reference
    out = tmp_path / "mpi.h5"
    out.write_text("old")
    done = osteon_mpi(2, "sweep", sweep, "-o", out)
    assert done.returncode == EXIT_BAD_INPUT and "--force" in done.stderr
    assert out.read_text() == "old"
    done = osteon_mpi(2, "sweep", sweep, "-o", tmp_path / "s.h5", "--shard", "1/2")
    assert done.returncode == EXIT_BAD_INPUT and "--shard" in done.stderr and "not both" in done.stderr


def rank_pids(mpirun_pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(mpirun_pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_killed_mpi_sweep_resumes_to_identical_data(tmp_path):
    sweep = slow_sweep(tmp_path, name="slow_mpi", seed=13, wide=False, second_order=False, bootstrap=50)
    straight = tmp_path / "straight.h5"
    done = osteon_plain(MPI_BINARY, "sweep", sweep, "-o", straight, "--quiet")
    assert done.returncode == EXIT_OK, done.stderr

    out = tmp_path / "killed.h5"
    partial = pathlib.Path(str(out) + ".partial")
    proc = subprocess.Popen([*MPIRUN, "-np", "2", MPI_BINARY, "sweep", str(sweep), "-o", str(out), "--threads", "1",
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=MPI_ENV, cwd=REPO)
    wait_for_blocks(proc, partial, 6, timeout=180, poll=0.01)
    for pid in rank_pids(proc.pid):  # the ranks die at once, mid-write; then mpirun ends the job
        os.kill(pid, signal.SIGKILL)
    proc.communicate(timeout=120)
    assert proc.returncode != 0 and partial.exists() and not out.exists()
    with h5py.File(partial, "r") as f:
        mask = f["osteon_block_done"][()]
        assert 6 <= mask.sum() < mask.size

    done = osteon_mpi(3, "sweep", sweep, "-o", out, "--resume", "--threads", "1")
    assert done.returncode == EXIT_OK, done.stdout + done.stderr
    assert "stored before the resume" in done.stdout
    assert not partial.exists()
    assert not any(p.name.startswith("killed.h5.partial") for p in tmp_path.iterdir())
    assert_same_file(straight, out)
