"""The `osteon` command line (docs/getting-started.md, docs/errors.md) as a user meets it: exit codes,
messages that name file, line and key, and HDF5 files that xarray opens."""

import json
import pathlib
import re

import h5py
import numpy as np
import pytest
import xarray as xr

FIG2 = "scenarios/literature/komarova2003_fig2.yaml"
EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2

# Komarova 2003 Fig. 2 steady state: x̄1 = (β1/α1)^((1-g22)/γ) (β2/α2)^(g21/γ), γ = -1.
OC_STEADY = (0.2 / 3.0) ** -1.0 * (0.02 / 4.0) ** 0.5


def short_scenario(name="cli_test", extra=""):
    return ("osteon: 1\n"
            f"name: {name}\n"
            "model: komarova2003\n"
            "duration: 300 d\n"
            "output: {every: 10 d}\n"
            "initial: {OC: 11, OB: 212, z: 100}\n" + extra)


def test_run_fig2_writes_a_file_xarray_opens(osteon, tmp_path):
    out = tmp_path / "k.h5"
    done = osteon("run", FIG2, "-o", out)
    assert done.returncode == EXIT_OK, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.h5"]  # no temporary file left
    assert str(out) in done.stdout

    with xr.open_dataset(out, engine="h5netcdf") as ds:
        assert dict(ds.sizes) == {"run": 1, "time": 601}  # 300 d every 0.5 d, both ends
        assert ds.time.attrs["units"] == "d"
        assert ds.time.values[-1] == 300.0
        for name, unit in {"OC": "cells", "OB": "cells", "z": "%"}.items():
            assert ds[name].dims == ("run", "time")
            assert ds[name].attrs["units"] == unit
            assert ds[name].attrs["long_name"]
        assert int(ds.status.values[0]) == 0
        assert ds.attrs["Conventions"] == "CF-1.10"
        assert ds.attrs["model"] == "komarova2003"
        assert int(ds.attrs["osteon_format"]) == 1
        assert "name: komarova2003_fig2" in ds.attrs["scenario"]
        assert json.loads(ds.attrs["settings"])["rtol"] == 1e-10
        # Reference numerical solution of BIOMD0000000148 (validation target 1).
        assert ds.z.sel(time=100.0).item() == pytest.approx(99.774, abs=5e-4)
        assert ds.z.sel(time=50.0).item() == pytest.approx(97.196, abs=5e-4)
        assert ds.OB.isel(run=0).max().item() == pytest.approx(395.8, abs=0.1)
        assert ds.OC.isel(run=0, time=-1).item() == pytest.approx(OC_STEADY, rel=1e-5)


def test_broken_scenario_names_file_line_and_key_and_writes_nothing(osteon, tmp_path):
    scenario = tmp_path / "broken.yaml"
    scenario.write_text("osteon: 1\nname: broken\nmodel: komarova2003\nduration: 300 d\n"
                        "parameters: {alpha1: 3 mg}\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = osteon("run", scenario, "-o", out_dir / "b.h5")
    assert done.returncode == EXIT_BAD_INPUT
    assert f"{scenario}:5:" in done.stderr
    assert "parameters.alpha1" in done.stderr
    assert "'3 mg'" in done.stderr and "1/d" in done.stderr  # what was found, what was expected
    assert done.stdout == ""
    assert list(out_dir.iterdir()) == []  # neither the output nor a temporary file


def test_missing_scenario_file_is_bad_input(osteon, tmp_path):
    done = osteon("run", tmp_path / "nope.yaml", "-o", tmp_path / "n.h5")
    assert done.returncode == EXIT_BAD_INPUT
    assert "nope.yaml" in done.stderr and "cannot open" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["--version"], ["run", "--version"], ["describe", "komarova2003", "--version"]])
def test_version(osteon, repo, args):
    done = osteon(*args)
    assert done.returncode == EXIT_OK
    match = re.fullmatch(r"osteon (\d+\.\d+\.\d+) \(git ([0-9a-f]+(-dirty)?|unknown)\)\n", done.stdout)
    assert match, done.stdout
    project = re.search(r"project\(osteon VERSION (\S+)", (repo / "CMakeLists.txt").read_text())
    assert match.group(1) == project.group(1)


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["validate", "--help"], ["models", "--help"],
                                  ["describe", "--help"]])
def test_help(osteon, args):
    done = osteon(*args)
    assert done.returncode == EXIT_OK, done.stderr
    assert "Usage" in done.stdout
    assert done.stderr == ""


def test_help_lists_commands_and_exit_codes(osteon):
    text = osteon("--help").stdout
    for command in ("osteon run", "osteon validate", "osteon models", "osteon describe"):
        assert command in text
    assert "2 bad input" in text


def test_no_arguments_or_unknown_command(osteon):
    done = osteon()
    assert done.returncode == EXIT_BAD_INPUT and "Usage" in done.stderr
    done = osteon("simulate", FIG2)
    assert done.returncode == EXIT_BAD_INPUT and "unknown command 'simulate'" in done.stderr


def test_models_lists_komarova2003(osteon):
    done = osteon("models")
    assert done.returncode == EXIT_OK
    lines = done.stdout.splitlines()
    assert "komarova2003" in lines
    assert "Bone 2003;33(2):206-215" in done.stdout


def test_describe_json(osteon):
    done = osteon("describe", "komarova2003", "--format", "json")
    assert done.returncode == EXIT_OK, done.stderr
    info = json.loads(done.stdout)
    assert info["id"] == "komarova2003"
    params = {p["name"]: p for p in info["parameters"]}
    assert list(params) == ["alpha1", "alpha2", "beta1", "beta2", "g11", "g12", "g21", "g22", "k1", "k2",
                            "freeze_reference"]
    # The Fig. 2 set of BIOMD0000000148.
    expected = {"alpha1": 3.0, "alpha2": 4.0, "beta1": 0.2, "beta2": 0.02, "g11": 0.5, "g12": 1.0, "g21": -0.5,
                "g22": 0.0, "k1": 0.24, "k2": 0.0017}
    for name, value in expected.items():
        assert params[name]["value"] == value, name
        assert params[name]["source"], name
        assert params[name]["symbol"], name
    assert params["alpha1"]["unit"] == "1/d"
    assert params["k1"]["unit"] == "%/(cell*d)"
    assert params["g11"]["min"] == -10 and params["g11"]["max"] == 10
    assert params["beta1"]["min"] == 0 and params["beta1"]["max"] is None  # unbounded above
    assert [s["name"] for s in info["states"]] == ["OC", "OB", "z"]
    assert {o["name"] for o in info["observables"]} == {"OC_excess", "OB_excess", "resorption", "formation"}


@pytest.mark.parametrize("fmt,marker", [("text", "Parameters"), ("md", "| `g11` |")])
def test_describe_text_and_markdown(osteon, fmt, marker):
    done = osteon("describe", "komarova2003", "--format", fmt)
    assert done.returncode == EXIT_OK
    assert marker in done.stdout


def test_describe_rejects_unknown_model_and_format(osteon):
    done = osteon("describe", "komarova2004")
    assert done.returncode == EXIT_BAD_INPUT and "komarova2004" in done.stderr
    done = osteon("describe", "komarova2003", "--format", "xml")
    assert done.returncode == EXIT_BAD_INPUT and "'xml'" in done.stderr


def test_validate(osteon, tmp_path):
    done = osteon("validate", FIG2)
    assert done.returncode == EXIT_OK, done.stderr
    assert "ok" in done.stdout and "601 output times" in done.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(short_scenario(extra="events:\n  - {at: 400 d, set: {g11: 0.6}}\n"))
    done = osteon("validate", bad)
    assert done.returncode == EXIT_BAD_INPUT
    assert f"{bad}:8:" in done.stderr and "events[0].at" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]  # validate writes nothing


def test_existing_output_needs_force(osteon, tmp_path):
    out = tmp_path / "k.h5"
    out.write_bytes(b"earlier result")
    done = osteon("run", FIG2, "-o", out)
    assert done.returncode == EXIT_BAD_INPUT
    assert "--force" in done.stderr
    assert out.read_bytes() == b"earlier result"
    done = osteon("run", FIG2, "-o", out, "--force", "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout == ""
    with h5py.File(out, "r") as f:
        assert f["z"].shape == (1, 601)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.h5"]


def test_output_in_missing_directory_is_bad_input(osteon, tmp_path):
    done = osteon("run", FIG2, "-o", tmp_path / "no" / "such" / "k.h5")
    assert done.returncode == EXIT_BAD_INPUT
    assert "cannot be written" in done.stderr


def test_set_changes_results(osteon, tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(short_scenario())
    default, hopf, same = tmp_path / "default.h5", tmp_path / "hopf.h5", tmp_path / "same.h5"
    assert osteon("run", scenario, "-o", default, "-q").returncode == EXIT_OK
    done = osteon("run", scenario, "-o", hopf, "-q", "--set", "g11=1.1")
    assert done.returncode == EXIT_OK, done.stderr
    # 0.125 per hour is the default alpha1 = 3 per day: same numbers.
    done = osteon("run", scenario, "-o", same, "-q", "--set", "alpha1=0.125/h")
    assert done.returncode == EXIT_OK, done.stderr
    with xr.open_dataset(default, engine="h5netcdf") as a, xr.open_dataset(hopf, engine="h5netcdf") as b, \
            xr.open_dataset(same, engine="h5netcdf") as c:
        # Fig. 2 parameters: one damped cycle back to x̄1. At the Hopf point
        # g11 = 1.1 the cycles persist, so OC is far from any steady state at 300 d.
        assert a.OC.isel(run=0, time=-1).item() == pytest.approx(OC_STEADY, rel=1e-4)
        oc_hopf = b.OC.isel(run=0).values
        assert oc_hopf[-10:].max() - oc_hopf[-10:].min() > 1.0
        np.testing.assert_array_equal(a.z.values, c.z.values)
        assert "--set g11=1.1" in b.attrs["history"]


def test_set_errors_are_bad_input(osteon, tmp_path):
    for assignment, expected in [("g11=11", "[-10, 10]"), ("g111=1", "'g11'"), ("alpha1=3 mg", "1/d"),
                                 ("g11", "NAME=VALUE")]:
        done = osteon("run", FIG2, "-o", tmp_path / "x.h5", "--set", assignment)
        assert done.returncode == EXIT_BAD_INPUT, assignment
        assert "--set" in done.stderr and expected in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args,expected", [
    (["run", FIG2, "-o", "x.h5", "--frobnicate"], "unknown option '--frobnicate'"),
    (["run", FIG2], "-o OUT.h5"),
    (["run", FIG2, "-o", "x.h5", "--threads", "0"], "--threads"),
    (["run", FIG2, "-o", "x.h5", "--integrator", "euler"], "odeint-dopri5"),
    (["run", FIG2, "-o", "x.h5", "--rtol", "abc"], "--rtol"),
    (["run", FIG2, FIG2, "-o", "x.h5"], "one scenario file"),
    (["run", FIG2, "-o"], "no value after '--output'"),
    (["models", "extra"], "no arguments"),
])
def test_bad_command_lines_exit_2(osteon, repo, tmp_path, args, expected):
    # Run in an empty directory, so a command wrongly accepted cannot write into the repository.
    done = osteon(*[repo / a if a == FIG2 else a for a in args], cwd=tmp_path)
    assert done.returncode == EXIT_BAD_INPUT, done.stdout
    assert expected in done.stderr, done.stderr
    assert not (tmp_path / "x.h5").exists()


def test_integrator_and_tolerance_options_reach_the_file(osteon, tmp_path):
    out = tmp_path / "o.h5"
    done = osteon("run", FIG2, "-o", out, "-q", "--integrator", "odeint-dopri5", "--rtol", "1e-9", "--threads", "1")
    assert done.returncode == EXIT_OK, done.stderr
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        settings = json.loads(ds.attrs["settings"])
        assert settings["method"] == "odeint-dopri5"
        assert settings["rtol"] == 1e-9
        assert ds.z.sel(time=100.0).item() == pytest.approx(99.774, abs=5e-4)


def test_failed_run_is_recorded_not_hidden(osteon, tmp_path):
    # g11 = 3 makes osteoclasts explode: the run fails, the file says so with NaN data.
    scenario = tmp_path / "explode.yaml"
    scenario.write_text(short_scenario(extra="parameters: {g11: 3}\nsolver: {max_steps: 2000}\n"))
    out = tmp_path / "e.h5"
    done = osteon("run", scenario, "-o", out)
    assert done.returncode == EXIT_INTERNAL  # every run failed
    assert "failed" in done.stderr
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        assert int(ds.status.values[0]) == 1
        assert ds.status_message.values[0]
        assert np.isnan(ds.z.values).all()
        assert ds.status.attrs["flag_meanings"] == "ok failed not_run"


@pytest.mark.parametrize("integrator", ["dopri5", "rosenbrock", "odeint-dopri5", "odeint-rosenbrock4"])
def test_sample_at_an_event_time_shows_the_state_after_the_event(osteon, tmp_path, integrator):
    scenario = tmp_path / "events.yaml"
    scenario.write_text("osteon: 1\nname: events\nmodel: komarova2003\nduration: 30 d\noutput: {every: 5 d}\n"
                        "events:\n  - {at: 10 d, add: {OC: 10}}\n  - {at: 20 d, set: {OC: 2, z: 50}}\n")
    out = tmp_path / "e.h5"
    done = osteon("run", scenario, "-o", out, "-q", "--integrator", integrator)
    assert done.returncode == EXIT_OK, done.stderr
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        oc, z = ds.OC.isel(run=0), ds.z.isel(run=0)
        assert oc.sel(time=5.0).item() == pytest.approx(OC_STEADY, rel=1e-9)  # at rest before the event
        assert oc.sel(time=10.0).item() == pytest.approx(OC_STEADY + 10.0, rel=1e-9)
        assert z.sel(time=10.0).item() == pytest.approx(100.0, abs=1e-9)  # nothing resorbed yet
        assert oc.sel(time=20.0).item() == 2.0
        assert z.sel(time=20.0).item() == 50.0


def shipped_scenarios():
    repo = pathlib.Path(__file__).resolve().parents[2]
    return sorted(str(p.relative_to(repo)) for p in (repo / "scenarios").rglob("*.yaml"))


@pytest.mark.parametrize("scenario", shipped_scenarios())
def test_every_shipped_scenario_validates(osteon, scenario):
    done = osteon("validate", scenario)
    assert done.returncode == EXIT_OK, done.stderr
