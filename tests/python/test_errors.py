"""Hardening (docs/errors.md): every bad input gets a clear answer and exit 2,
no fault loses data. Each case drives the `osteon` command line end to end and
checks the exit code, that the message names the file, line and key (with what
was found or expected), and that neither the output nor a temporary file is left.

Exit codes: 0 ok, 1 internal failure / every run failed / output not writable
mid-way (disk full), 2 bad input, 3 interrupted by SIGINT or SIGTERM."""

import os
import pathlib
import resource
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 3
REPO = pathlib.Path(__file__).resolve().parents[2]
FIG2 = REPO / "scenarios" / "literature" / "komarova2003_fig2.yaml"
PIVONKA_RANKL = REPO / "scenarios" / "literature" / "pivonka2008_rankl.yaml"


def header(model, duration="2 y"):
    """Five lines; the body of a case starts on line 6."""
    return f"osteon: 1\nname: e\nmodel: {model}\nduration: {duration}\noutput: {{every: 1 mo}}\n"


K, M, I = "komarova2003", "martinez_reina2019", "integrated"
DENO = "{drug: denosumab, dose: 60 mg, every: 6 mo, start: 0 d}"

# id: (model, body from line 6, line, key, text the message must contain)
SCENARIO_CASES = {
    # malformed YAML
    "yaml_tab_indent": (K, "parameters:\n\tg11: 1\n", 7, None, "malformed YAML"),
    "yaml_unclosed_flow": (K, "parameters: {g11: 1\n", 7, None, "malformed YAML"),
    "yaml_deep_nesting": (K, "parameters: " + "[" * 20000 + "]" * 20000 + "\n", 6, None, "nested too deeply"),
    "yaml_list_document": (None, "- osteon: 1\n", 1, None, "a list"),
    # wrong or missing units
    "duration_wrong_unit": (None, "osteon: 1\nname: e\nmodel: komarova2003\nduration: 300 mg\n", 4, "duration", "'300 mg'"),
    "parameter_wrong_unit": (K, "parameters: {k1: 0.24 pM}\n", 6, "parameters.k1", "%/(cell*d)"),
    "parameter_unknown_unit": (K, "parameters: {beta1: 0.2 /fortnight}\n", 6, "parameters.beta1", "fortnight"),
    "dose_wrong_unit": (M, "drugs:\n  - {drug: denosumab, dose: 60 mL, every: 6 mo}\n", 7, "drugs[0].dose", "'60 mL'"),
    "interval_without_time_unit": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mg}\n", 7, "drugs[0].every",
                                   "time unit"),
    "event_time_wrong_unit": (K, "events:\n  - {at: 10 mg, set: {g11: 0.6}}\n", 7, "events[0].at", "time unit"),
    "nutrition_missing_per_day": (I, "nutrition: {calcium: 1200 mg}\n", 6, "nutrition.calcium", "mg/d"),
    # unknown names
    "unknown_model": (None, "osteon: 1\nname: e\nmodel: komarova2004\nduration: 1 y\n", 3, "model", "'komarova2003'"),
    "unknown_parameter": (K, "parameters: {g13: 0.5}\n", 6, "parameters.g13", "'g11'"),
    "unknown_state": (K, "initial: {OC: 11, OBx: 212, z: 100}\n", 6, "initial.OBx", "'OB'"),
    "unknown_top_level_key": (K, "colour: red\n", 6, "colour", "unknown key 'colour'"),
    "unknown_nested_key": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, evry: 6 mo}\n", 7, "drugs[0].evry", "'every'"),
    "unknown_drug": (M, "drugs:\n  - {drug: prolia, dose: 60 mg, every: 6 mo}\n", 7, "drugs[0].drug",
                     "unknown drug 'prolia'"),
    "drug_the_model_cannot_take": (M, "drugs:\n  - {drug: alendronate, dose: 70 mg, every: 1 wk}\n", 7, "drugs[0].drug",
                                   "only drug of martinez_reina2019"),
    "unknown_exercise_type": (I, "exercise:\n  - {type: yoga, minutes_per_week: 100}\n", 7, "exercise[0].type",
                              "unknown exercise type 'yoga'"),
    "unknown_output_variable": (None, "osteon: 1\nname: e\nmodel: komarova2003\nduration: 1 y\n"
                                      "output: {variables: [OC, bone]}\n", 5, "output.variables[1]", "'bone'"),
    "unknown_solver": (K, "solver: {method: euler}\n", 6, "solver.method", "odeint-dopri5"),
    # negative or zero doses and intervals, times
    "zero_dose": (M, "drugs:\n  - {drug: denosumab, dose: 0 mg, every: 6 mo}\n", 7, "drugs[0].dose", "positive dose"),
    "negative_dose": (M, "drugs:\n  - {drug: denosumab, dose: -60 mg, every: 6 mo}\n", 7, "drugs[0].dose", "positive dose"),
    "zero_interval": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 0 d}\n", 7, "drugs[0].every",
                      "positive dosing interval"),
    "negative_interval": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, every: -6 mo}\n", 7, "drugs[0].every",
                          "positive dosing interval"),
    "negative_count": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, count: -2}\n", 7, "drugs[0].count",
                       "positive whole number"),
    "negative_start": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: -1 d}\n", 7, "drugs[0].start",
                       "at or after 0 d"),
    "zero_duration": (None, "osteon: 1\nname: e\nmodel: komarova2003\nduration: 0 d\n", 4, "duration", "positive"),
    "zero_output_step": (None, "osteon: 1\nname: e\nmodel: komarova2003\nduration: 1 y\noutput: {every: 0 d}\n", 5,
                         "output.every", "positive"),
    "stop_before_start": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 1 y, stop: 6 mo}\n", 7,
                          "drugs[0].stop", "a stop after the start"),
    "overlapping_regimens": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 0 d, stop: 1 y}\n"
                                "  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 6 mo}\n", 8, "drugs[1]",
                             "overlapping drugs[0]"),
    "event_after_the_end": (K, "events:\n  - {at: 3 y, set: {g11: 0.6}}\n", 7, "events[0].at", "'3 y'"),
    # NaN or Inf given as a value
    "nan_parameter": (K, "parameters: {alpha1: nan}\n", 6, "parameters.alpha1", "not a finite number"),
    "yaml_nan_parameter": (K, "parameters: {alpha1: .nan}\n", 6, "parameters.alpha1", "'.nan'"),
    "inf_initial_state": (K, "initial: {OC: -inf}\n", 6, "initial.OC", "not a finite number"),
    "overflowing_number": (K, "parameters: {alpha1: 1e999}\n", 6, "parameters.alpha1", "out of range"),
    "nan_dose": (M, "drugs:\n  - {drug: denosumab, dose: nan mg, every: 6 mo}\n", 7, "drugs[0].dose",
                 "not a finite number"),
    "inf_interval": (M, "drugs:\n  - {drug: denosumab, dose: 60 mg, every: inf d}\n", 7, "drugs[0].every",
                     "not a finite number"),
    # T-scores outside -6..+4
    "t_score_below_minus_6": (I, "patient:\n  t_score: {lumbar_spine: -6.5}\n", 7, "patient.t_score.lumbar_spine",
                              "between -6 and +4"),
    "t_score_above_plus_4": (I, "patient:\n  t_score: {total_hip: 4.5}\n", 7, "patient.t_score.total_hip",
                             "between -6 and +4"),
    # parameter ranges
    "parameter_outside_its_range": (K, "parameters: {g11: 12}\n", 6, "parameters.g11", "[-10, 10]"),
    "no_positive_steady_state": ("pivonka2008", "initial: steady_state\nparameters: {A_OBa: 0}\n", 7, "parameters",
                                 "no positive steady state"),
}


def check_bad_input(done, file, line, key, needle, out_dir):
    assert done.returncode == EXIT_BAD_INPUT, (done.returncode, done.stderr)
    assert done.stdout == ""
    assert f"{file}:{line}:" in done.stderr, done.stderr
    if key is not None:
        assert f"key '{key}'" in done.stderr, done.stderr
    assert needle in done.stderr, done.stderr
    assert "internal error" not in done.stderr
    assert list(out_dir.iterdir()) == [], "an output or temporary file was left"


@pytest.mark.parametrize("case", sorted(SCENARIO_CASES))
def test_bad_scenario_exits_2_naming_file_line_and_key(osteon, tmp_path, case):
    model, body, line, key, needle = SCENARIO_CASES[case]
    scenario = tmp_path / "bad.yaml"
    scenario.write_text((header(model) if model else "") + body)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = osteon("run", scenario, "-o", out_dir / "x.h5", "--threads", "1")
    check_bad_input(done, scenario, line, key, needle, out_dir)
    # `validate` says the same without running anything.
    checked = osteon("validate", scenario)
    assert checked.returncode == EXIT_BAD_INPUT and f"{scenario}:{line}:" in checked.stderr


# ---- runs tables (ensembles) --------------------------------------------------------------------

CSV_CASES = {
    # id: (csv text, line, key, text)
    "missing_cell": ("g11,alpha1\n0.5,3\n0.6\n", 3, "runs row", "found 1 cells; expected 2 cells"),
    "extra_cell": ("g11,alpha1\n0.5,3,4\n", 2, "runs row", "found 3 cells"),
    "non_numeric_cell": ("g11,alpha1\n0.5,3\n0.6,abc\n", 3, "alpha1", "'abc'"),
    "nan_cell": ("g11,alpha1\n0.5,nan\n", 2, "alpha1", "not a finite number"),
    "wrong_unit_cell": ("g11,alpha1\n0.5,3 mg\n", 2, "alpha1", "1/d"),
    "unknown_column": ("g11,alpha9\n0.5,3\n", 1, "runs column 2", "'alpha9'"),
    "duplicate_column": ("g11,g11\n0.5,0.5\n", 1, "runs column 2", "a second column 'g11'"),
    "header_only": ("g11,alpha1\n", 1, "runs", "no rows"),
    "cell_outside_range": ("g11\n0.5\n11\n", 3, "g11", "[-10, 10]"),
}


@pytest.mark.parametrize("case", sorted(CSV_CASES))
def test_bad_runs_csv_names_the_csv_line_and_column(osteon, tmp_path, case):
    text, line, key, needle = CSV_CASES[case]
    csv = tmp_path / "runs.csv"
    csv.write_text(text)
    scenario = tmp_path / "ens.yaml"
    scenario.write_text(header(K) + f"runs:\n  file: {csv}\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = osteon("run", scenario, "-o", out_dir / "x.h5")
    check_bad_input(done, csv, line, key, needle, out_dir)


def test_runs_file_missing_or_empty_names_the_scenario_line(osteon, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    scenario = tmp_path / "ens.yaml"
    scenario.write_text(header(K) + f"runs:\n  file: {tmp_path / 'nope.csv'}\n")
    check_bad_input(osteon("run", scenario, "-o", out_dir / "x.h5"), scenario, 7, "runs.file", "cannot be opened",
                    out_dir)
    (tmp_path / "empty.csv").write_text("")
    scenario.write_text(header(K) + f"runs:\n  file: {tmp_path / 'empty.csv'}\n")
    check_bad_input(osteon("run", scenario, "-o", out_dir / "x.h5"), scenario, 7, "runs.file", "no header", out_dir)


def test_inline_runs_row_of_the_wrong_length(osteon, tmp_path):
    scenario = tmp_path / "ens.yaml"
    scenario.write_text(header(K) + "runs:\n  columns: [g11, alpha1]\n  rows:\n    - [0.5, 3]\n    - [0.6]\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    check_bad_input(osteon("run", scenario, "-o", out_dir / "x.h5"), scenario, 10, "runs.rows[1]",
                    "a list of 2 values", out_dir)


# ---- the scenario file itself --------------------------------------------------------------------

def test_scenario_that_is_a_directory_or_binary(osteon, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = osteon("run", out_dir, "-o", tmp_path / "x.h5")
    assert done.returncode == EXIT_BAD_INPUT and f"{out_dir}: error: a directory, not a scenario file" in done.stderr
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(bytes(range(256)) * 40)
    done = osteon("run", binary, "-o", out_dir / "x.h5")
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"{binary}:1:1:" in done.stderr
    assert len(done.stderr) < 600, "what was found is shortened, not echoed whole"
    assert list(out_dir.iterdir()) == []


# ---- options -------------------------------------------------------------------------------------

OPTION_CASES = {
    # id: (extra arguments, key, text)
    "set_unknown_parameter": (["--set", "OC=5"], "--set OC", "unknown parameter 'OC'"),
    "set_wrong_unit": (["--set", "g11=0.5 mg"], "--set g11", "'mg' cannot be converted"),
    "set_infinite": (["--set", "g11=inf"], "--set g11", "not a finite number"),
    "set_without_equals": (["--set", "g11"], "--set", "NAME=VALUE"),
    "set_out_of_range": (["--set", "g11=11"], "--set g11", "[-10, 10]"),
    "threads_zero": (["--threads", "0"], "--threads", "positive whole number"),
    "threads_not_a_number": (["--threads", "two"], "--threads", "'two'"),
    "threads_absurd": (["--threads", "5000"], "--threads", "between 1 and 1024"),
    "integrator_unknown": (["--integrator", "euler"], "--integrator", "rosenbrock"),
    "rtol_not_a_number": (["--rtol", "abc"], "--rtol", "'abc'"),
    "rtol_too_loose": (["--rtol", "0.5"], "--rtol", "between 1e-14 and 1e-2"),
    "rtol_too_tight": (["--rtol", "1e-30"], "--rtol", "between 1e-14 and 1e-2"),
    "atol_negative": (["--atol", "-1e-9"], "--atol", "positive number"),
    "atol_nan": (["--atol", "nan"], "--atol", "positive number"),
    "unknown_option": (["--frobnicate"], "--frobnicate", "unknown option"),
    "option_twice": (["--threads", "1", "--threads", "2"], "--threads", "each option once"),
}


@pytest.mark.parametrize("case", sorted(OPTION_CASES))
def test_bad_options_exit_2_and_write_nothing(osteon, tmp_path, case):
    extra, key, needle = OPTION_CASES[case]
    done = osteon("run", FIG2, "-o", tmp_path / "x.h5", *extra, cwd=tmp_path)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    where = "--set" if key.startswith("--set") else "command line"
    assert f"{where}: error: key '{key}'" in done.stderr, done.stderr
    assert needle in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []


# ---- output paths --------------------------------------------------------------------------------

def test_output_path_that_cannot_be_written_is_bad_input(osteon, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory")
    for target in (tmp_path / "no" / "such" / "x.h5", blocker / "x.h5"):
        done = osteon("run", FIG2, "-o", target)
        assert done.returncode == EXIT_BAD_INPUT, done.stderr
        assert f"{target}: error: key '-o'" in done.stderr and "cannot be written" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file"]


def test_empty_output_path_is_bad_input(osteon, tmp_path):
    for command in (["run", FIG2], ["sweep", REPO / "scenarios" / "sweeps" / "komarova2003_grid.yaml"]):
        done = osteon(*command, "-o", "", cwd=tmp_path)
        assert done.returncode == EXIT_BAD_INPUT, done.stderr
        assert "key '-o': found an empty path" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_that_is_a_directory_or_special_file_is_refused_even_with_force(osteon, tmp_path):
    directory = tmp_path / "d"
    directory.mkdir()
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    for target, needle in ((directory, "found a directory"), (fifo, "special file")):
        for force in ([], ["--force"]):
            done = osteon("run", FIG2, "-o", target, *force)
            assert done.returncode == EXIT_BAD_INPUT, done.stderr
            assert f"{target}: error: key '-o'" in done.stderr and needle in done.stderr
    assert directory.is_dir() and list(directory.iterdir()) == []
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "f"]


def test_existing_output_is_refused_for_a_sweep_unless_force(osteon, tmp_path):
    sweep = REPO / "scenarios" / "sweeps" / "komarova2003_grid.yaml"
    out = tmp_path / "k.h5"
    out.write_bytes(b"earlier result")
    done = osteon("sweep", sweep, "-o", out)
    assert done.returncode == EXIT_BAD_INPUT
    assert f"{out}: error: key '-o': found an existing file" in done.stderr and "--force" in done.stderr
    assert out.read_bytes() == b"earlier result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.h5"]


# ---- sweep files ---------------------------------------------------------------------------------

SWEEP_CASES = {
    # id: (sweep text after the name line, line, key, text)
    "missing_base_file": ("base: /nonexistent/base.yaml\n", 3, "base", "no such file: /nonexistent/base.yaml"),
    "malformed": ("factors: [\n", 4, None, "malformed YAML"),
    "unknown_key": ("factorz: []\n", 3, "factorz", "'factors'"),
    "factor_outside_parameter_range": (
        f"base: {PIVONKA_RANKL}\nfactors:\n  - {{path: A_OCa, range: [-1 /d, 0.9 /d]}}\n"
        "design: {type: lhs, samples: 4, seed: 1}\nmetrics: [{name: bv_end, value: BV, at: 200 d}]\n",
        5, "factors[0].range[0]", "outside"),
    "metric_after_the_end": (
        f"base: {PIVONKA_RANKL}\nfactors:\n  - {{path: A_OCa, range: [0.5 /d, 0.9 /d]}}\n"
        "design: {type: lhs, samples: 4, seed: 1}\nmetrics: [{name: bv_end, value: BV, at: 2 y}]\n",
        7, "metrics[0].at", "duration"),
}


@pytest.mark.parametrize("case", sorted(SWEEP_CASES))
def test_bad_sweep_files_exit_2(osteon, tmp_path, case):
    body, line, key, needle = SWEEP_CASES[case]
    sweep = tmp_path / "bad.yaml"
    sweep.write_text("osteon: 1\nname: bad\n" + body)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = osteon("sweep", sweep, "-o", out_dir / "x.h5")
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"{sweep}:{line}:" in done.stderr and needle in done.stderr, done.stderr
    if key:
        assert f"key '{key}'" in done.stderr
    assert list(out_dir.iterdir()) == []


def test_bad_sweep_options_exit_2(osteon, tmp_path):
    sweep = REPO / "scenarios" / "sweeps" / "komarova2003_grid.yaml"
    for extra, needle in ((["--threads", "0"], "--threads"), (["--rtol", "0.5"], "between 1e-14 and 1e-2"),
                          (["--resume", "--force"], "one of them")):
        done = osteon("sweep", sweep, "-o", tmp_path / "x.h5", *extra)
        assert done.returncode == EXIT_BAD_INPUT, done.stderr
        assert needle in done.stderr
    assert list(tmp_path.iterdir()) == []


# ---- faults during a run ---------------------------------------------------------------------------

def test_a_diverging_run_is_isolated(osteon, tmp_path):
    # Row 1 (g11 = 3) makes osteoclasts explode; the others finish normally.
    scenario = tmp_path / "ens.yaml"
    scenario.write_text("osteon: 1\nname: ens\nmodel: komarova2003\nduration: 300 d\noutput: {every: 10 d}\n"
                        "initial: {OC: 11, OB: 212, z: 100}\nsolver: {max_steps: 20000}\n"
                        "runs:\n  columns: [g11]\n  rows: [[0.5], [3], [0.6]]\n")
    out = tmp_path / "e.h5"
    done = osteon("run", scenario, "-o", out, "--threads", "2")
    assert done.returncode == EXIT_OK, done.stderr  # some runs succeeded
    assert "1 of 3 run(s) failed; first: run 1:" in done.stderr
    with h5py.File(out, "r") as f:
        assert list(f["status"][()]) == [0, 1, 0]
        message = f["status_message"][1].decode()
        assert "t = " in message and ("OC" in message or "OB" in message or "z" in message), message
        assert np.isnan(f["OC"][1]).all() and np.isnan(f["z"][1]).all()
        assert np.isfinite(f["OC"][0]).all() and np.isfinite(f["OC"][2]).all()
    alone = tmp_path / "alone.h5"
    scenario.write_text(scenario.read_text().replace("runs:\n  columns: [g11]\n  rows: [[0.5], [3], [0.6]]\n",
                                                     "parameters: {g11: 0.6}\n"))
    assert osteon("run", scenario, "-o", alone, "-q").returncode == EXIT_OK
    with h5py.File(out, "r") as f, h5py.File(alone, "r") as g:
        assert f["OC"][2].tobytes() == g["OC"][0].tobytes()  # the failure did not disturb its neighbours


def test_steady_state_that_does_not_exist_exits_2(osteon):
    done = osteon("steady", "pivonka2008", "--set", "A_OBa=0")
    assert done.returncode == EXIT_BAD_INPUT
    assert "key '--set'" in done.stderr and "no positive steady state" in done.stderr


def test_a_row_without_steady_state_fails_only_its_run(osteon, tmp_path):
    scenario = tmp_path / "ss.yaml"
    scenario.write_text("osteon: 1\nname: ss\nmodel: pivonka2008\nduration: 30 d\noutput: {every: 1 d}\n"
                        "initial: steady_state\nruns:\n  columns: [A_OBa]\n  rows: [[0.189], [0], [0.2]]\n")
    out = tmp_path / "ss.h5"
    done = osteon("run", scenario, "-o", out, "-q")
    assert done.returncode == EXIT_OK, done.stderr
    with h5py.File(out, "r") as f:
        assert list(f["status"][()]) == [0, 1, 0]
        assert "no positive steady state" in f["status_message"][1].decode()


# ---- SIGINT / SIGTERM during `osteon run` -----------------------------------------------------------

def long_ensemble(tmp_path, rows=20000):
    csv = tmp_path / "runs.csv"
    values = np.linspace(0.0, 2e4, rows)
    csv.write_text("P_OPG\n" + "".join(f"{v!r}\n" for v in values))
    scenario = tmp_path / "long.yaml"
    scenario.write_text("osteon: 1\nname: long\nmodel: pivonka2008\nduration: 200 d\noutput: {every: 0.1 d}\n"
                        "solver: {rtol: 1e-10, atol: 1e-16}\nevents:\n  - {at: 20 d, set: {P_RANKL: 1e4 pM/d}}\n"
                        f"runs:\n  file: {csv}\n")
    return scenario


def start_then_signal(osteon_binary, scenario, out_dir, signals, threads="2"):
    out = out_dir / "int.h5"
    proc = subprocess.Popen([str(osteon_binary), "run", str(scenario), "-o", str(out), "--threads", threads],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not list(out_dir.iterdir()):
        time.sleep(0.005)  # the temporary file appears once the runs start
    time.sleep(0.3)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    for sig in signals:
        proc.send_signal(sig)
        time.sleep(0.05)
    stdout, stderr = proc.communicate(timeout=60)
    return proc.returncode, stdout, stderr, out


@pytest.mark.parametrize("sig,name", [(signal.SIGINT, "SIGINT"), (signal.SIGTERM, "SIGTERM")])
def test_signal_during_an_ensemble_exits_3_and_leaves_no_file(osteon_binary, tmp_path, sig, name):
    scenario = long_ensemble(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, stdout, stderr, out = start_then_signal(osteon_binary, scenario, out_dir, [sig])
    assert code == EXIT_INTERRUPTED, stderr
    assert f"interrupted by {name}" in stderr and f"{out} was not written" in stderr and "of 20000 run(s)" in stderr
    assert stdout == ""
    assert list(out_dir.iterdir()) == [], "neither OUT.h5 nor its temporary file may remain"


def test_a_second_signal_ends_at_once_and_leaves_nothing_that_looks_complete(osteon_binary, tmp_path):
    scenario = long_ensemble(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, _, out = start_then_signal(osteon_binary, scenario, out_dir, [signal.SIGINT, signal.SIGINT], threads="1")
    assert code in (EXIT_INTERRUPTED, -signal.SIGINT)
    assert not out.exists()
    # At most the hidden temporary file and the (released) lock of the killed process, never OUT.h5.
    assert all(p.name.startswith(".int.h5.tmp-") or p.name == ".int.h5.lock" for p in out_dir.iterdir())


# ---- disk full while writing ------------------------------------------------------------------------

def file_size_limit(limit):
    """preexec_fn: writes past `limit` bytes fail with EFBIG ("File too large")
    instead of killing the process with SIGXFSZ, as a full disk fails them."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def run_limited(osteon_binary, limit, *args):
    return subprocess.run([str(osteon_binary), *map(str, args)], capture_output=True, text=True, timeout=300,
                          preexec_fn=file_size_limit(limit), check=False)


def test_disk_full_during_run_names_the_file_and_leaves_nothing(osteon_binary, tmp_path):
    scenario = long_ensemble(tmp_path, rows=400)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "full.h5"
    done = run_limited(osteon_binary, 256 * 1024, "run", scenario, "-o", out, "--threads", "2")
    assert done.returncode == EXIT_INTERNAL, done.stderr
    assert f"writing {out} failed" in done.stderr and "File too large" in done.stderr, done.stderr
    assert "nothing was written" in done.stderr and "internal error" not in done.stderr
    assert "HDF5-DIAG" not in done.stderr and len(done.stderr.splitlines()) == 1  # one line, not HDF5's stack
    assert list(out_dir.iterdir()) == []


def small_sweep(tmp_path):
    sweep = tmp_path / "s.yaml"
    sweep.write_text(f"""osteon: 1
name: small
base: {PIVONKA_RANKL}
factors:
  - {{path: P_OPG, range: [0 pM/d, 2e4 pM/d]}}
  - {{path: A_OCa, range: [0.49 /d, 0.91 /d]}}
design: {{type: sobol, samples: 64, seed: 3}}
outputs: [BV]
metrics:
  - {{name: bv_min, min: BV}}
""")
    return sweep


def test_disk_full_when_a_sweep_starts_leaves_nothing(osteon_binary, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "s.h5"
    done = run_limited(osteon_binary, 16 * 1024, "sweep", small_sweep(tmp_path), "-o", out, "--quiet")
    assert done.returncode == EXIT_INTERNAL, done.stderr
    assert f"{out}.partial failed" in done.stderr and "File too large" in done.stderr, done.stderr
    assert list(out_dir.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path):
    """A 1.1 MB tmpfs: writes past it fail with ENOSPC, a real full disk.
    Needs the right to mount (root in CI's container); skipped otherwise."""
    mount = tmp_path / "small_disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1100k", "tmpfs", str(mount)], capture_output=True,
                          check=False)
    if made.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here: " + made.stderr.decode().strip())
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_disk_full_during_a_sweep_keeps_its_blocks_for_resume(osteon, tmp_path, small_disk, monkeypatch):
    monkeypatch.setenv("HDF5_USE_FILE_LOCKING", "FALSE")
    sweep = small_sweep(tmp_path)
    straight = tmp_path / "straight.h5"
    assert osteon("sweep", sweep, "-o", straight, "--quiet").returncode == EXIT_OK
    # The partial file (1.26 MB, sparse until written) fills the disk part way through.
    out = small_disk / "s.h5"
    done = osteon("sweep", sweep, "-o", out, "--quiet", "--threads", "1")
    assert done.returncode == EXIT_INTERNAL, done.stderr
    assert f"writing {out}.partial failed" in done.stderr and "No space left on device" in done.stderr, done.stderr
    assert "continue with --resume" in done.stderr and "internal error" not in done.stderr
    assert not out.exists()
    with h5py.File(f"{out}.partial", "r") as f:
        kept = int(f["osteon_block_done"][()].sum())
        assert 0 < kept < f["osteon_block_done"].size  # some blocks finished, not all
    # Make room (move the partial files to a larger disk) and resume there.
    roomy = tmp_path / "roomy"
    roomy.mkdir()
    for p in small_disk.iterdir():
        (roomy / p.name).write_bytes(p.read_bytes())
    resumed = osteon("sweep", sweep, "-o", roomy / "s.h5", "--resume")
    assert resumed.returncode == EXIT_OK, resumed.stderr
    assert "stored before the resume" in resumed.stdout
    with h5py.File(straight, "r") as a, h5py.File(roomy / "s.h5", "r") as b:
        for name in ("bv_min", "BV", "status", "sensitivity/S1", "sensitivity/ST"):
            assert a[name][()].tobytes() == b[name][()].tobytes(), name
    assert sorted(p.name for p in roomy.iterdir()) == ["s.h5"]


def test_disk_full_during_run_on_a_full_disk(osteon, tmp_path, small_disk):
    scenario = long_ensemble(tmp_path, rows=400)
    out = small_disk / "full.h5"
    done = osteon("run", scenario, "-o", out, "--threads", "2")
    assert done.returncode == EXIT_INTERNAL, done.stderr
    assert f"writing {out} failed" in done.stderr and "No space left on device" in done.stderr, done.stderr
    assert list(small_disk.iterdir()) == []


# ---- issue 19: crashes, data loss and security ------------------------------------------------------

NESTED = "(" * 33000 + "/d" + ")" * 33000


def nested_sweep(tmp_path, low):
    sweep = tmp_path / "nested_sweep.yaml"
    sweep.write_text(f"osteon: 1\nname: n\nbase: {PIVONKA_RANKL}\nfactors:\n"
                     f"  - {{path: A_OCa, range: [{low}, 0.91 /d]}}\n"
                     "design: {type: grid, samples: 2}\noutputs: [BV]\nmetrics:\n  - {name: bv_min, min: BV}\n")
    return sweep


@pytest.mark.parametrize("entry", ["scenario", "set", "runs_cell", "sweep_range"])
def test_deeply_nested_unit_is_bad_input_not_a_crash(osteon, tmp_path, entry):
    """33 000 nested '(' overflowed the unit parser's stack (SIGSEGV) through every entry point."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "x.h5"
    scenario = tmp_path / "s.yaml"
    if entry == "scenario":
        scenario.write_text(header(K) + f"parameters: {{alpha1: 3 {NESTED}}}\n")
        done, where, key = osteon("run", scenario, "-o", out), f"{scenario}:6:", "parameters.alpha1"
    elif entry == "set":
        done, where, key = osteon("run", FIG2, "-o", out, "--set", f"alpha1=3 {NESTED}"), "--set", "--set alpha1"
    elif entry == "runs_cell":
        (tmp_path / "runs.csv").write_text(f"alpha1\n3 {NESTED}\n")
        scenario.write_text(header(K) + "runs: {file: runs.csv}\n")
        done, where, key = osteon("run", scenario, "-o", out), f"{tmp_path / 'runs.csv'}:2:1:", "alpha1"
    else:
        done = osteon("sweep", nested_sweep(tmp_path, f"0.49 {NESTED}"), "-o", out)
        where, key = f"{tmp_path / 'nested_sweep.yaml'}:5:", "factors[0].range[0]"
    assert done.returncode == EXIT_BAD_INPUT, (done.returncode, done.stderr[:300])
    assert where in done.stderr and f"key '{key}'" in done.stderr, done.stderr[:300]
    assert len(done.stderr) < 1000, "the message quotes the whole input"
    assert list(out_dir.iterdir()) == []


def plant_link_at_pid_temporary(link_name_of_pid, target):
    """preexec_fn: the child's PID is the osteon PID after exec, so the old predictable
    temporary name `.OUT.h5.tmp-PID` can be planted before osteon starts."""
    def plant():
        os.symlink(target, link_name_of_pid(os.getpid()))
    return plant


def test_a_link_planted_at_the_temporary_name_is_never_followed(osteon_binary, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = subprocess.run([str(osteon_binary), "run", str(FIG2), "-o", str(out_dir / "x.h5"), "--quiet"],
                          capture_output=True, text=True, timeout=300, check=False,
                          preexec_fn=plant_link_at_pid_temporary(lambda pid: out_dir / f".x.h5.tmp-{pid}", victim))
    assert done.returncode == EXIT_OK, done.stderr
    assert victim.read_text() == "precious\n", "the temporary file was written through the planted link"
    with h5py.File(out_dir / "x.h5") as f:
        assert f["OC"].shape[0] == 1


@pytest.mark.parametrize("name,options", [("s.h5.partial-messages", []), ("s.h5.partial-messages", ["--force"]),
                                          ("s.h5.partial", ["--force"]), ("s.h5.partial", ["--resume"]),
                                          ("s.h5.partial-decisions", []), ("s.h5.partial-decisions", ["--force"])])
def test_a_link_at_a_sweeps_partial_files_is_refused_and_its_target_kept(osteon, tmp_path, name, options):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / name).symlink_to(victim)
    done = osteon("sweep", small_sweep(tmp_path), "-o", out_dir / "s.h5", "--quiet", *options)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"{out_dir / name}: error: key '-o': found a symbolic link" in done.stderr, done.stderr
    assert victim.read_text() == "precious\n"
    assert sorted(p.name for p in out_dir.iterdir()) == [name]


def hold_output_lock(out):
    """Holds the lock another osteon process would hold while writing `out`."""
    import fcntl
    handle = open(out.parent / f".{out.name}.lock", "w")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


@pytest.mark.parametrize("command", ["run", "run_force", "sweep_force", "sweep_resume_without_hdf5_locking",
                                     "compare", "merge"])
def test_an_output_another_process_writes_is_refused(osteon_binary, tmp_path, command):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "x.h5"
    out.write_text("being written by another osteon\n")
    args = {
        "run": ["run", FIG2, "-o", out],
        "run_force": ["run", FIG2, "-o", out, "--force"],
        "sweep_force": ["sweep", small_sweep(tmp_path), "-o", out, "--force"],
        "sweep_resume_without_hdf5_locking": ["sweep", small_sweep(tmp_path), "-o", out, "--resume"],
        "compare": ["compare", FIG2, FIG2, "-o", out, "--force"],
        "merge": ["merge", out, FIG2, "--force"],
    }[command]
    if command == "run":
        out.unlink()
    if command == "sweep_resume_without_hdf5_locking":
        out.unlink()
        (out_dir / "x.h5.partial").write_text("a partial file being written\n")
    lock = hold_output_lock(out)
    try:
        env = dict(os.environ, HDF5_USE_FILE_LOCKING="FALSE")
        done = subprocess.run([str(osteon_binary), *map(str, args)], capture_output=True, text=True, timeout=300,
                              env=env, check=False)
    finally:
        lock.close()
    if command == "merge":  # the shards are checked first: FIG2 is no shard
        assert done.returncode == EXIT_BAD_INPUT and "SHARD" in done.stderr, done.stderr
        return
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"{out}: error: key '-o': found an output another osteon process is writing" in done.stderr, done.stderr
    for p in out_dir.iterdir():
        if p.name != ".x.h5.lock":  # the test's own
            assert p.read_text().startswith(("being written", "a partial file")), p.name  # untouched


def start_run_until(osteon_binary, scenario, out, ready):
    """Starts `osteon run` of a long ensemble and waits (polling, no timed assertion) until
    `ready()`; the run must still be going then."""
    proc = subprocess.Popen([str(osteon_binary), "run", str(scenario), "-o", str(out), "--threads", "1", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not ready():
        time.sleep(0.005)
    assert proc.poll() is None, "the run ended before the test could act during it"
    return proc


def test_two_runs_to_one_output_at_once_lose_nothing(osteon_binary, tmp_path):
    scenario = long_ensemble(tmp_path, rows=4000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "x.h5"
    first = start_run_until(osteon_binary, scenario, out, lambda: (out_dir / ".x.h5.lock").exists())
    try:
        second = subprocess.run([str(osteon_binary), "run", str(FIG2), "-o", str(out), "--force", "--quiet"],
                                capture_output=True, text=True, timeout=300, check=False)
    finally:
        _, first_err = first.communicate(timeout=300)
    assert second.returncode == EXIT_BAD_INPUT and "another osteon process" in second.stderr, second.stderr
    assert first.returncode == EXIT_OK, first_err
    with h5py.File(out) as f:
        assert list(np.unique(f["status"][()])) == [0] and f["status"].shape == (4000,)
    assert sorted(p.name for p in out_dir.iterdir()) == ["x.h5"]


def test_an_output_that_appears_during_a_run_is_not_replaced(osteon_binary, tmp_path):
    scenario = long_ensemble(tmp_path, rows=4000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "x.h5"
    proc = start_run_until(osteon_binary, scenario, out,
                           lambda: any(p.name.startswith(".x.h5.tmp-") for p in out_dir.iterdir()))
    out.write_text("made by someone else during the run\n")
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == EXIT_BAD_INPUT, stderr
    assert f"{out}: error: key '-o': found a file that appeared while this command ran" in stderr, stderr
    assert out.read_text() == "made by someone else during the run\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["x.h5"]


@pytest.mark.parametrize("command", ["run_scenario", "run_runs_file", "sweep_file", "sweep_base", "compare"])
def test_an_input_as_output_is_refused_even_with_force(osteon, tmp_path, command):
    scenario = tmp_path / "scen.yaml"
    scenario.write_text(FIG2.read_text())
    runs = tmp_path / "runs.csv"
    runs.write_text("g11\n0.5\n0.6\n")
    ensemble = tmp_path / "e.yaml"
    ensemble.write_text(header(K) + f"runs: {{file: {runs}}}\n")
    base = tmp_path / "base.yaml"
    base.write_text(PIVONKA_RANKL.read_text())
    sweep = tmp_path / "sw.yaml"
    sweep.write_text(small_sweep(tmp_path).read_text().replace(str(PIVONKA_RANKL), str(base)))
    target, args = {
        "run_scenario": (scenario, ["run", scenario, "-o", scenario]),
        "run_runs_file": (runs, ["run", ensemble, "-o", runs]),
        "sweep_file": (sweep, ["sweep", sweep, "-o", sweep]),
        "sweep_base": (base, ["sweep", sweep, "-o", base]),
        "compare": (scenario, ["compare", FIG2, scenario, "-o", scenario]),
    }[command]
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    done = osteon(*args, "--force")
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"{target}: error: key '-o': found the input file" in done.stderr, done.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def special_inputs(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    return {"dev_zero": pathlib.Path("/dev/zero"), "fifo": fifo}


@pytest.mark.parametrize("what", ["dev_zero", "fifo"])
@pytest.mark.parametrize("entry", ["run", "validate", "runs_file", "sweep"])
def test_a_device_or_fifo_as_input_is_refused_not_read(osteon, tmp_path, what, entry):
    special = special_inputs(tmp_path)[what]
    out = tmp_path / "x.h5"
    if entry == "runs_file":
        scenario = tmp_path / "e.yaml"
        scenario.write_text(header(K) + f"runs: {{file: {special}}}\n")
        done = osteon("run", scenario, "-o", out)
        assert f"{scenario}:6:" in done.stderr and "a device, FIFO or other special file" in done.stderr, done.stderr
    else:
        args = {"run": ["run", special, "-o", out], "validate": ["validate", special],
                "sweep": ["sweep", special, "-o", out]}[entry]
        done = osteon(*args)
        assert f"{special}: error: found a device, FIFO or other special file" in done.stderr, done.stderr
    assert done.returncode == EXIT_BAD_INPUT
    assert not out.exists()


def test_a_runs_table_of_many_columns_over_many_rows_is_bad_input_not_out_of_memory(osteon, tmp_path):
    """6 MB: a header of 1.5 million columns over 1.5 million one-character rows asked for 2e12 values."""
    csv = tmp_path / "runs.csv"
    csv.write_text(",".join(["g11"] * 1_500_000) + "\n" + "1\n" * 1_500_000)
    scenario = tmp_path / "e.yaml"
    scenario.write_text(header(K) + "runs: {file: runs.csv}\n")
    done = osteon("run", scenario, "-o", tmp_path / "x.h5")
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"{csv}:1:1: error: key 'runs columns': found 1500000 columns; expected at most 10000" in done.stderr


def test_a_failure_to_start_threads_is_an_error_that_leaves_nothing(osteon_binary, tmp_path):
    """Under an address-space limit thread stacks cannot be mapped: `terminate called...` (abort)
    and a temporary file were left; now an error naming the cause, exit 1, nothing left."""
    scenario = long_ensemble(tmp_path, rows=200)
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (400 << 20, 400 << 20))
    done = subprocess.run([str(osteon_binary), "run", str(scenario), "-o", str(out_dir / "x.h5"), "--threads", "200"],
                          capture_output=True, text=True, timeout=300, check=False, preexec_fn=limit)
    assert done.returncode == EXIT_INTERNAL, done.stderr
    # Which allocation fails first under the limit depends on the build (thread stacks, or the
    # writer's compression buffers): either way a message naming the cause, never an abort.
    named = ("cannot start" in done.stderr and "thread" in done.stderr) or "out of memory" in done.stderr
    assert named and "terminate called" not in done.stderr, done.stderr
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("value", ["1000000000", "1"])
def test_analyze_bootstrap_is_capped(osteon, tmp_path, value):
    out = tmp_path / "s.h5"
    assert osteon("sweep", small_sweep(tmp_path), "-o", out, "--quiet").returncode == EXIT_OK
    done = osteon("analyze", out, "--bootstrap", value)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"key '--bootstrap': found '{value}'; expected 2 to 1000000 resamples" in done.stderr


def test_merge_of_a_shard_with_a_crafted_label_answers_at_once(osteon, tmp_path):
    sweep = small_sweep(tmp_path)
    part = tmp_path / "p1.h5"
    assert osteon("sweep", sweep, "-o", part, "--shard", "1/2", "--quiet").returncode == EXIT_OK
    with h5py.File(part, "a") as f:
        f.attrs["sweep_shard"] = "1/18446744073709551615"
    done = osteon("merge", tmp_path / "all.h5", part)  # the osteon fixture's timeout would end a hang
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert "missing runs" in done.stderr and "expected shards that together hold every run" in done.stderr


def blocked(sig):
    """preexec_fn: `sig` stays pending from the start until the command's interrupt guard lets it
    through, so the test needs no timing to deliver it while the command writes."""
    def block():
        signal.pthread_sigmask(signal.SIG_BLOCK, {sig})
    return block


def merge_inputs(osteon, tmp_path):
    sweep = small_sweep(tmp_path)
    parts = [tmp_path / f"p{i}.h5" for i in (1, 2)]
    for i, p in enumerate(parts, 1):
        assert osteon("sweep", sweep, "-o", p, "--shard", f"{i}/2", "--quiet").returncode == EXIT_OK
    return parts


@pytest.mark.parametrize("command,sig,name", [("run", signal.SIGHUP, "SIGHUP"), ("compare", signal.SIGINT, "SIGINT"),
                                              ("compare", signal.SIGHUP, "SIGHUP"), ("merge", signal.SIGTERM, "SIGTERM"),
                                              ("merge", signal.SIGINT, "SIGINT")])
def test_a_signal_during_any_writing_command_exits_3_and_leaves_nothing(osteon, osteon_binary, tmp_path, command, sig,
                                                                         name):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "x.h5"
    # `run` gets an ensemble long enough that it cannot finish before the signal is sent: on a loaded
    # machine the test process may be descheduled for longer than a single FIG2 run takes.
    args = {"run": ["run", long_ensemble(tmp_path, rows=2000), "-o", out], "compare": ["compare", FIG2, FIG2, "-o", out],
            "merge": ["merge", out, *merge_inputs(osteon, tmp_path)]}[command]
    proc = subprocess.Popen([str(osteon_binary), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=blocked(sig))
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == EXIT_INTERRUPTED, (proc.returncode, stderr)
    assert f"interrupted by {name}" in stderr and stdout == ""
    assert list(out_dir.iterdir()) == [], "a temporary or partial file was left"


def test_sighup_ignored_by_nohup_stays_ignored(osteon_binary, tmp_path):
    out = tmp_path / "x.h5"

    def nohup():
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
    proc = subprocess.Popen([str(osteon_binary), "run", str(FIG2), "-o", str(out), "--quiet"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=nohup)
    proc.send_signal(signal.SIGHUP)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == EXIT_OK, stderr
    assert out.exists()


@pytest.mark.parametrize("args", [["sweep", "SWEEP", "--emit-design"], ["models"], ["describe", "komarova2003"]])
def test_output_that_cannot_reach_stdout_fails(osteon_binary, tmp_path, args):
    args = [small_sweep(tmp_path) if a == "SWEEP" else a for a in args]
    with open("/dev/full", "w") as full:
        done = subprocess.run([str(osteon_binary), *map(str, args)], stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=300, check=False)
    assert done.returncode == EXIT_INTERNAL, done.stderr
    assert "error: writing to standard output failed: No space left on device" in done.stderr


# ---- issue 19: validity ranges ----------------------------------------------------------------------

@pytest.mark.parametrize("age,duration,warned", [(100, "10 y", "age 100 y at the start and 110 y at the end"),
                                                  (30, "1 y", "age 30 y at the start and 31 y at the end"),
                                                  (62, "5 y", None)])
def test_ages_outside_the_calibrated_range_warn_on_stderr_and_in_the_file(osteon, tmp_path, age, duration, warned):
    scenario = tmp_path / "old.yaml"
    scenario.write_text(f"osteon: 1\nname: old\nmodel: integrated\nduration: {duration}\noutput: {{every: 1 y}}\n"
                        f"patient: {{age: {age} y}}\n")
    out = tmp_path / "old.h5"
    done = osteon("run", scenario, "-o", out, "--quiet")
    checked = osteon("validate", scenario)
    assert done.returncode == EXIT_OK and checked.returncode == EXIT_OK, done.stderr
    with h5py.File(out) as f:
        attribute = f.attrs.get("validity_warnings")
    if warned is None:
        assert done.stderr == "" and checked.stderr == "" and attribute is None
        return
    expected = f"{warned} lies outside 45 to 85 y"
    assert f"osteon run: warning: {expected}" in done.stderr, done.stderr
    assert f"osteon validate: warning: {expected}" in checked.stderr
    assert expected in (attribute.decode() if isinstance(attribute, bytes) else attribute)


def test_a_parameter_accepted_by_validate_does_not_fail_at_run_time(osteon, tmp_path):
    """AI_suppression 0.5 passed validate, and the run failed when anastrozole added its 0.899."""
    scenario = tmp_path / "ai.yaml"
    body = "osteon: 1\nname: ai\nmodel: integrated\nduration: 2 y\noutput: {every: 1 mo}\n"
    scenario.write_text(body + "parameters: {AI_suppression: 0.5}\ndrugs:\n  - {drug: anastrozole, start: 0 d}\n")
    checked = osteon("validate", scenario)
    assert checked.returncode == EXIT_BAD_INPUT, checked.stderr
    assert f"{scenario}:8:" in checked.stderr and "key 'drugs[0]'" in checked.stderr
    assert "together 1.399" in checked.stderr and "AI_suppression at most 0.1" in checked.stderr
    scenario.write_text(body + "parameters: {AI_suppression: 0.05}\ndrugs:\n  - {drug: anastrozole, start: 0 d}\n")
    assert osteon("validate", scenario).returncode == EXIT_OK
    done = osteon("run", scenario, "-o", tmp_path / "ai.h5", "--quiet")
    assert done.returncode == EXIT_OK and done.stderr == "", done.stderr


# ---- issue 19: reporting and runs tables ------------------------------------------------------------

@pytest.mark.parametrize("command", ["run", "sweep", "compare", "merge"])
@pytest.mark.parametrize("name", ["x.csv", "x.JSON", "x.parquet"])
def test_an_output_named_like_another_format_is_refused(osteon, tmp_path, command, name):
    """`-o x.csv` wrote an HDF5 file named x.csv, exit 0."""
    out = tmp_path / name
    args = {"run": ["run", FIG2, "-o", out], "sweep": ["sweep", small_sweep(tmp_path), "-o", out],
            "compare": ["compare", FIG2, "-o", out], "merge": ["merge", out, FIG2]}[command]
    done = osteon(*args)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"{out}: error: key '-o': found a {out.suffix.lower()} name (osteon writes HDF5 only" in done.stderr
    assert "expected an HDF5 path such as OUT.h5" in done.stderr
    assert not out.exists()


RUNS_TABLE_CASES = {
    # id: (CSV bytes, line, column, key, text the message must contain)
    "unterminated_quote": (b'g11,alpha1\n0.5,"3 /d\n', 2, 5, "runs row", "a quote that is not closed"),
    "nul_byte": (b"g11,alpha1\n0.5,3\x00\n", 2, 6, "runs row", "a NUL byte"),
}


@pytest.mark.parametrize("case", sorted(RUNS_TABLE_CASES))
def test_runs_table_that_is_not_csv_text_is_refused_without_echoing_it(osteon, tmp_path, case):
    content, line, column, key, needle = RUNS_TABLE_CASES[case]
    csv = tmp_path / "runs.csv"
    csv.write_bytes(content)
    scenario = tmp_path / "e.yaml"
    scenario.write_text(header(K) + "runs: {file: runs.csv}\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = osteon("run", scenario, "-o", out_dir / "x.h5")
    check_bad_input(done, csv, line, key, needle, out_dir)
    assert f"{csv}:{line}:{column}:" in done.stderr, done.stderr


def test_runs_table_with_a_byte_order_mark_is_read(osteon, tmp_path):
    """Spreadsheets write a UTF-8 BOM: the first column was 'g11' with three invisible bytes before it."""
    csv = tmp_path / "runs.csv"
    csv.write_bytes(b"\xef\xbb\xbfg11,alpha1\n0.5,3\n0.6,3\n")
    scenario = tmp_path / "e.yaml"
    scenario.write_text(header(K) + "runs: {file: runs.csv}\n")
    out = tmp_path / "x.h5"
    done = osteon("run", scenario, "-o", out, "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    with h5py.File(out) as f:
        assert list(f["g11"][()]) == [0.5, 0.6]


@pytest.mark.parametrize("key,body", [("file", "runs:\n  file: a.csv\n  file: b.csv\n"),
                                      ("columns", "runs:\n  columns: [g11]\n  columns: [alpha1]\n  rows: [[0.5]]\n")])
def test_a_runs_key_given_twice_is_refused(osteon, tmp_path, key, body):
    (tmp_path / "a.csv").write_text("g11\n0.5\n")
    (tmp_path / "b.csv").write_text("g11\n0.6\n")
    scenario = tmp_path / "e.yaml"
    scenario.write_text(header(K) + body)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = osteon("run", scenario, "-o", out_dir / "x.h5")
    check_bad_input(done, scenario, 8, f"runs.{key}", f"a second '{key}'", out_dir)
    assert osteon("validate", scenario).returncode == EXIT_BAD_INPUT


@pytest.mark.parametrize("name", ["osteon_block_done", "osteon_anything"])
def test_a_metric_named_like_osteons_own_datasets_is_refused_at_validate(osteon, tmp_path, name):
    sweep = tmp_path / "m.yaml"
    sweep.write_text(small_sweep(tmp_path).read_text().replace("name: bv_min", f"name: {name}"))
    done = osteon("validate", sweep)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"{sweep}:10:" in done.stderr and "key 'metrics[0]" in done.stderr and f"'{name}'" in done.stderr


def test_sobol_indices_outside_0_1_or_with_wide_intervals_carry_a_warning(osteon, tmp_path):
    out = tmp_path / "s.h5"
    sweep = tmp_path / "s8.yaml"  # 8 base samples: estimates loose enough to be warned about
    sweep.write_text(small_sweep(tmp_path).read_text().replace("samples: 64", "samples: 8"))
    done = osteon("sweep", sweep, "-o", out)
    assert done.returncode == EXIT_OK, done.stderr
    with h5py.File(out) as f:
        g = f["sensitivity"]
        factors = [x.decode() for x in g["factor"][()]]
        expected = []
        for index in ("S1", "ST"):
            value, conf = g[index][0], g[f"{index}_conf"][0]
            for j, factor in enumerate(factors):
                if value[j] < 0 or value[j] > 1 or conf[j] > abs(value[j]):
                    expected.append(f"{index}({factor})")
        stored = g.attrs.get("warnings", "")
        stored = stored.decode() if isinstance(stored, bytes) else stored
    assert expected, "8 base samples should leave at least one index uncertain"
    for item in expected:
        assert item in stored and item in done.stdout, (item, stored)
    assert "warning: bv_min:" in done.stdout
    analyzed = osteon("analyze", out)
    assert "warning: bv_min:" in analyzed.stdout


def test_a_design_too_large_for_the_memory_limit_is_an_error_naming_its_size(osteon_binary, tmp_path):
    """10^8 runs (the documented limit) of 2 factors hold 1.6 GB of design values while the sweep runs:
    under a 1 GB address-space limit `sweep` ended in `internal error: std::bad_alloc`; now an error
    naming the size, before anything is written."""
    sweep = tmp_path / "big.yaml"
    sweep.write_text(small_sweep(tmp_path).read_text().replace("{type: sobol, samples: 64, seed: 3}",
                                                               "{type: lhs, samples: 100000000, seed: 3}"))

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    out = tmp_path / "big.h5"
    done = subprocess.run([str(osteon_binary), "sweep", str(sweep), "-o", str(out), "--quiet"], capture_output=True,
                          text=True, timeout=300, check=False, preexec_fn=limit)
    assert done.returncode == EXIT_INTERNAL, done.stderr
    assert "internal error" not in done.stderr
    assert f"error: the design of {sweep} (100000000 runs x 2 factors, 1.6 GB) does not fit" in done.stderr
    assert not out.exists() and not pathlib.Path(f"{out}.partial").exists()


@pytest.mark.parametrize("design", ["{type: grid}", "{type: sobol, samples: 700000, seed: 3}",
                                    "{type: lhs, samples: 4000000, seed: 3}"])
def test_validating_a_large_sweep_streams_its_design(osteon_binary, tmp_path, design):
    """Validation generates and checks the design chunk by chunk (issue 19, item 5): 4-8 x 10^6 runs of
    2 factors validate under a 128 MB address-space limit. Before, the design was held whole (and its
    unit-cube copy beside it): each of these ended in `the design ... does not fit` (exit 1). A Latin
    hypercube holds one factor's permutation at a time (4 B per run, 16 MB here)."""
    sweep = tmp_path / "big.yaml"
    text = small_sweep(tmp_path).read_text().replace("{type: sobol, samples: 64, seed: 3}", design)
    if design == "{type: grid}":  # 2828 x 2829 levels = 8 000 412 runs, 128 MB of values
        text = text.replace("range: [0 pM/d, 2e4 pM/d]}", "range: [0 pM/d, 2e4 pM/d], levels: 2828}")
        text = text.replace("range: [0.49 /d, 0.91 /d]}", "range: [0.49 /d, 0.91 /d], levels: 2829}")
    sweep.write_text(text)

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (128 << 20, 128 << 20))
    done = subprocess.run([str(osteon_binary), "validate", str(sweep)], capture_output=True, text=True, timeout=300,
                          check=False, preexec_fn=limit)
    assert done.returncode == EXIT_OK, done.stderr
    assert "run(s)" in done.stdout
