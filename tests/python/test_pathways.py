"""Care pathways from the command line (docs/pathways.md): decisions and visits in the file as
h5py and xarray read them, `osteon compare` shows the decisions, rules in runs tables, sweeps and
--set, and bad rules exit 2 naming file, line and key. A sweep stores the same visits and decisions
whether it ran in one piece, was killed and resumed, or ran as shards joined by `osteon merge`
(the MPI sweep: test_mpi.py)."""

import math
import pathlib
import signal
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

from interrupted_sweeps import assert_same_file, blocks_done, wait_for_blocks

GUIDELINE = "scenarios/pathways/ai_guideline.yaml"
YEAR = 365.25


def test_decisions_and_visits_are_in_the_file(osteon, repo, tmp_path):
    out = tmp_path / "g.h5"
    done = osteon("run", repo / GUIDELINE, "-o", out)
    assert done.returncode == 0, done.stderr
    with h5py.File(out, "r") as f:
        visits = f["visit"][:]
        assert list(visits) == [0.0, 2 * YEAR, 4 * YEAR]
        names = [n.decode() if isinstance(n, bytes) else n for n in f["rule_name"][:]]
        assert names == ["antiresorptive_below_minus_2"]
        t_scores = np.stack([f[f"measured_t_score_{s}"][0, :] for s in ("lumbar_spine", "total_hip", "femoral_neck")])
        decision_time = f["decision_time"][0, :]
        decision_rule = f["decision_rule"][0, :]
        assert f["measured_ctx_change"].shape == (1, 3)
    # The decision is at the first visit where a measured T-score is below -2.0.
    below = np.nonzero((t_scores < -2.0).any(axis=0))[0]
    assert below.size > 0 and below[0] > 0
    assert decision_time[0] == visits[below[0]]
    assert decision_rule[0] == 0
    ds = xr.open_dataset(out, engine="h5netcdf")
    assert ds["decision_time"].dims == ("run", "decision")
    assert ds["measured_t_score_total_hip"].dims == ("run", "visit")
    assert ds["measured_t_score_total_hip"].attrs["units"] == "1"
    ds.close()


def test_compare_shows_the_decisions(osteon, repo):
    done = osteon("compare", repo / GUIDELINE, repo / "scenarios/pathways/ai_upfront_zoledronic_acid.yaml",
                  repo / "scenarios/pathways/ai_exercise_alone.yaml")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "decisions:" in text
    line = next(l for l in text.splitlines() if l.strip().startswith("ai_guideline") and "antiresorptive" in l)
    assert "start zoledronic" in line


def test_switch_scenario_transitions_six_months_after_the_last_injection(osteon, repo, tmp_path):
    out = tmp_path / "d.h5"
    done = osteon("run", repo / "scenarios/pathways/denosumab_stop_zoledronic.yaml", "-o", out)
    assert done.returncode == 0, done.stderr
    with h5py.File(out, "r") as f:
        assert f["decision_time"][0, 0] == 2.5 * YEAR
        x = f["X_zol"][0, :]
        t = f["time"][:]
    # The infusion at 3 y: none before, some after.
    assert np.all(x[t < 3 * YEAR] == 0.0)
    assert x[np.argmin(abs(t - 3 * YEAR))] > 0.0


def test_threshold_in_a_runs_table_and_set(osteon, repo, tmp_path):
    text = (repo / GUIDELINE).read_text()
    text += 'runs:\n  columns: ["rules[0].when.t_score_below"]\n  rows: [[-1.5], [-2.0], [-3.5]]\n'
    scenario = tmp_path / "ens.yaml"
    scenario.write_text(text)
    out = tmp_path / "ens.h5"
    done = osteon("run", scenario, "-o", out)
    assert done.returncode == 0, done.stderr
    with h5py.File(out, "r") as f:
        times = f["decision_time"][:, 0]
        assert list(f["rules[0].when.t_score_below"][:]) == [-1.5, -2.0, -3.5]
    assert times[0] <= times[1]
    assert math.isnan(times[2])  # never that low in 5 years
    # --set gives the same as the table's second row.
    out2 = tmp_path / "set.h5"
    done = osteon("run", repo / GUIDELINE, "-o", out2, "--set", "rules[0].when.t_score_below=-2.0")
    assert done.returncode == 0, done.stderr
    with h5py.File(out2, "r") as f:
        assert f["decision_time"][0, 0] == times[1]


def test_threshold_sweep(osteon, repo, tmp_path):
    out = tmp_path / "s.h5"
    done = osteon("sweep", repo / "scenarios/pathways/treatment_threshold_sweep.yaml", "-o", out)
    assert done.returncode == 0, done.stderr
    with h5py.File(out, "r") as f:
        assert "decision_time" in f
        thresholds = f["threshold"][:]
        first = f["decision_time"][:, 0]
    order = np.argsort(thresholds)
    first = np.where(np.isnan(first), np.inf, first)[order]
    assert np.all(first[1:] <= first[:-1])  # a higher threshold never treats later
    assert np.isinf(first[0]) and first[-1] == 0.0  # -2.5: never in 5 years; -1.5: at the baseline scan


BAD = {
    "threshold_out_of_range": ("rules:\n  - {name: r, when: {t_score_below: -9}, then: {start: zoledronic}}\n",
                               "rules[0].when.t_score_below", "between -6 and +4"),
    "unknown_regimen": ("rules:\n  - {name: r, when: {t_score_below: -2}, then: {start: zoledronik}}\n",
                        "rules[0].then.start", "zoledronic"),
    "site_not_scanned": ("rules:\n  - {name: r, when: {t_score_below: -2, site: wrist}, then: {start: zoledronic}}\n",
                         "rules[0].when.site", "scanned"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_rules_exit_2(osteon, repo, tmp_path, case):
    tail, key, expected = BAD[case]
    text = (repo / GUIDELINE).read_text()
    text = text[:text.index("rules:")] + tail
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(text)
    out = tmp_path / "bad.h5"
    done = osteon("run", scenario, "-o", out)
    assert done.returncode == 2
    line = text[:text.index("rules:")].count("\n") + 2
    assert f"bad.yaml:{line}:" in done.stderr, done.stderr
    assert f"key '{key}'" in done.stderr and expected in done.stderr, done.stderr
    assert not out.exists()


def test_bad_threshold_through_set_sweep_and_python(osteon, repo, tmp_path):
    done = osteon("run", repo / GUIDELINE, "-o", tmp_path / "x.h5", "--set", "rules[0].when.t_score_below=-9")
    assert done.returncode == 2 and "rules[0].when.t_score_below" in done.stderr and "[-6, 4]" in done.stderr
    done = osteon("run", repo / GUIDELINE, "-o", tmp_path / "x.h5", "--set", "rules[3].when.t_score_below=-2")
    assert done.returncode == 2 and "1 rule(s)" in done.stderr
    sweep = (repo / "scenarios/pathways/treatment_threshold_sweep.yaml").read_text()
    bad = tmp_path / "bad_sweep.yaml"
    bad.write_text(sweep.replace("range: [-2.5, -1.5]", "range: [-7.5, -1.5]")
                   .replace("base: ai_guideline.yaml", f"base: {repo / GUIDELINE}"))
    done = osteon("sweep", bad, "-o", tmp_path / "s.h5")
    assert done.returncode == 2 and "rules[0].when.t_score_below" in done.stderr, done.stderr


def test_compare_writes_the_rules_of_every_scenario(osteon, repo, tmp_path):
    out = tmp_path / "c.h5"
    done = osteon("compare", repo / "scenarios/pathways/denosumab_stop.yaml",
                  repo / "scenarios/pathways/denosumab_stop_zoledronic.yaml", "-o", out)
    assert done.returncode == 0, done.stderr
    with h5py.File(out, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["rule_name"][:]]
        assert names == ["denosumab_stop.stop_denosumab", "denosumab_stop_zoledronic.switch_denosumab_to_zoledronic"]
        assert list(f["decision_rule"][:, 0]) == [0.0, 1.0]
        assert list(f["decision_time"][:, 0]) == [2.5 * YEAR, 2.5 * YEAR]
        assert f["measured_t_score_total_hip"].shape == (2, 5)


@pytest.mark.parametrize("assignment", ["rules[0].when.for=2.5", "drugs[1].every=6"])
def test_a_time_through_set_needs_its_unit(osteon, repo, tmp_path, assignment):
    # Bare, it was days: 'for=2.5' stopped denosumab at the first visit (6 mo, decision_time 182.6 d)
    # and 'every=6' injected it every 6 days, exit 0. A scenario file refuses a bare time; so does --set.
    out = tmp_path / "x.h5"
    done = osteon("run", repo / "scenarios/pathways/denosumab_stop.yaml", "-o", out, "--set", assignment)
    assert done.returncode == 2 and "a number without a unit" in done.stderr, done.stderr
    assert f"key '--set {assignment.split('=')[0]}'" in done.stderr and not out.exists()
    with_unit = assignment.replace("2.5", "2.5 y").replace("=6", "=6 mo")
    assert osteon("run", repo / "scenarios/pathways/denosumab_stop.yaml", "-o", out, "--set", with_unit).returncode == 0


# ---- every sweep path stores the same visits and decisions (docs/pathways.md) ----------------------

THRESHOLD_SWEEP = "scenarios/pathways/treatment_threshold_sweep.yaml"


def sweep_shards(osteon, sweep, tmp_path, n):
    parts = []
    for i in range(1, n + 1):
        part = tmp_path / f"part-{i}.h5"
        done = osteon("sweep", sweep, "-o", part, "--shard", f"{i}/{n}", "--quiet")
        assert done.returncode == 0, done.stderr
        parts.append(part)
    return parts


def test_merged_shards_store_the_visits_and_decisions_of_the_serial_sweep(osteon, repo, tmp_path):
    serial = tmp_path / "serial.h5"
    assert osteon("sweep", repo / THRESHOLD_SWEEP, "-o", serial, "--quiet").returncode == 0
    with h5py.File(serial, "r") as f:
        assert f["decision_time"].shape == (11, 1) and f["measured_t_score_total_hip"].shape == (11, 3)
        first = f["decision_time"][:, 0]
        assert np.isnan(first).any() and not np.isnan(first).all()  # some thresholds treat, some never
    parts = sweep_shards(osteon, repo / THRESHOLD_SWEEP, tmp_path, 3)  # 3, 4 and 4 runs
    with h5py.File(parts[0], "r") as f:
        assert f["decision_time"].shape[0] == 3
    merged = tmp_path / "merged.h5"
    done = osteon("merge", merged, *reversed(parts))
    assert done.returncode == 0, done.stderr
    assert_same_file(serial, merged)  # every dataset bitwise (decisions, measurements), every attribute


def test_merge_refuses_a_shard_without_the_decisions(osteon, repo, tmp_path):
    parts = sweep_shards(osteon, repo / THRESHOLD_SWEEP, tmp_path, 2)
    with h5py.File(parts[1], "r+") as f:
        del f["decision_rule"]
    out = tmp_path / "merged.h5"
    done = osteon("merge", out, *parts)
    assert done.returncode == 2, done.stderr
    assert f"{parts[1]}: error: key 'SHARD': found a shard without the monitoring visits" in done.stderr, done.stderr
    assert not out.exists() and not pathlib.Path(str(out) + ".partial").exists()


def slow_pathway_sweep(repo, tmp_path, levels):
    """The threshold sweep on the guideline scenario with daily output: blocks of 17 runs."""
    base = (repo / GUIDELINE).read_text()
    assert "output:\n  every: 1 mo\n" in base
    (tmp_path / "guideline_daily.yaml").write_text(base.replace("output:\n  every: 1 mo\n", "output:\n  every: 1 d\n"))
    sweep = tmp_path / "slow_threshold.yaml"
    sweep.write_text(f"""osteon: 1
name: slow_threshold
base: guideline_daily.yaml
factors:
  - {{name: threshold, path: "rules[0].when.t_score_below", range: [-2.5, -1.5], levels: {levels}}}
design: {{type: grid}}
outputs: [t_score_femoral_neck]
metrics:
  - {{name: tscore_fn_5y, value: t_score_femoral_neck, at: 5 y}}
""")
    return sweep


def test_killed_pathway_sweep_resumes_to_the_same_file(osteon, osteon_binary, repo, tmp_path, monkeypatch):
    monkeypatch.setenv("HDF5_USE_FILE_LOCKING", "FALSE")  # reading the partial file while the sweep writes it
    sweep = slow_pathway_sweep(repo, tmp_path, 170)
    straight = tmp_path / "straight.h5"
    done = osteon("sweep", sweep, "-o", straight, "--quiet")
    assert done.returncode == 0, done.stderr
    with h5py.File(straight, "r") as f:
        assert f["decision_time"].shape == (170, 1)
        treated = ~np.isnan(f["decision_time"][:, 0])
        assert 0 < treated.sum() < 170

    out = tmp_path / "killed.h5"
    partial = pathlib.Path(str(out) + ".partial")
    proc = subprocess.Popen([str(osteon_binary), "sweep", str(sweep), "-o", str(out), "--threads", "1", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=repo)
    wait_for_blocks(proc, partial, 2, timeout=120, poll=0.002)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert partial.exists() and not out.exists()
    assert pathlib.Path(str(out) + ".partial-decisions").exists()
    done_before, total = blocks_done(partial)
    assert 2 <= done_before < total
    done = osteon("sweep", sweep, "-o", out, "--resume", "--quiet")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("killed")) == ["killed.h5"]  # no side logs
    assert_same_file(straight, out)  # the visits and decisions of the runs before the kill too
