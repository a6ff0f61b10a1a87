"""The Python API (python/osteon, docs/python.md): models, describe, scenarios, runs into
memory identical to the command line's files, steady states, comparisons and errors."""

import json
import pickle
import threading
import time

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from python_package import REPO, osteon

FIG2 = REPO / "scenarios/literature/komarova2003_fig2.yaml"
INVALID_R = REPO / "scenarios/literature/lemaire2004_invalid_r_injection.yaml"
PUBLISHED = ["komarova2003", "komarova2005", "lemaire2004", "pivonka2008", "scheiner2013", "martinez_reina2019"]

# Komarova 2003 closed-form steady state with the Fig. 2 parameters (alpha1 = 3, alpha2 = 4,
# beta1 = 0.2, beta2 = 0.02, g11 = 0.5, g12 = 1, g21 = -0.5, g22 = 0, so gamma = g12*g21 -
# (1-g11)(1-g22) = -1): x1 = (b1/a1)^((1-g22)/gamma) (b2/a2)^(g21/gamma),
# x2 = (b1/a1)^(g12/gamma) (b2/a2)^((1-g11)/gamma).
def komarova_steady(alpha1=3.0, alpha2=4.0, beta1=0.2, beta2=0.02):
    return (beta1 / alpha1) ** -1.0 * (beta2 / alpha2) ** 0.5, (beta1 / alpha1) ** -1.0 * (beta2 / alpha2) ** -0.5


@pytest.fixture
def cli(request):
    """Runs the `osteon` executable (the conftest fixture named like the package)."""
    return request.getfixturevalue("osteon")


def ensemble_scenario():
    """Fig. 2 with three runs varying a parameter and an initial state (a recompiled path)."""
    data = osteon.Scenario.from_yaml(FIG2).to_dict()
    data.update(name="fig2_ensemble", output={"every": "2 d"},
                runs={"columns": ["g11", "initial.OC"], "rows": [[0.5, 11], [0.8, 5], [1.0, 20]]})
    return osteon.Scenario.from_dict(data)


# -- registry ---------------------------------------------------------------------------------

def test_models_match_the_command_line(osteon_binary):
    import subprocess
    listed = subprocess.run([str(osteon_binary), "models"], capture_output=True, text=True, check=True).stdout
    cli_ids = [line.strip() for line in listed.splitlines() if line and not line.startswith(" ")]
    assert osteon.models() == cli_ids
    assert set(PUBLISHED) <= set(osteon.models())


def test_describe_returns_the_parameter_table(osteon_binary):
    import subprocess
    df = osteon.describe("komarova2003")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["value", "unit", "symbol", "description", "source", "min", "max"]
    assert df.index.name == "parameter"
    assert df.loc["alpha1", "value"] == 3.0 and df.loc["alpha1", "unit"] == "1/d"
    assert df.loc["alpha1", "symbol"] == "α₁"
    assert df.loc["g11", "value"] == 0.5 and df.loc["g11", "min"] == -10 and df.loc["g11", "max"] == 10
    assert np.isnan(df.loc["alpha1", "max"]) and df.loc["alpha1", "min"] == 0
    assert "Komarova 2003" in df.loc["k1", "source"]
    assert df.attrs["id"] == "komarova2003" and "Bone 2003" in df.attrs["citation"]
    assert [s["name"] for s in df.attrs["states"]] == ["OC", "OB", "z"]
    # Same numbers and strings as `osteon describe --format json`, for every parameter.
    cli = json.loads(subprocess.run([str(osteon_binary), "describe", "pivonka2008", "--format", "json"],
                                    capture_output=True, text=True, check=True).stdout)
    df = osteon.describe("pivonka2008")
    assert list(df.index) == [p["name"] for p in cli["parameters"]]
    for p in cli["parameters"]:
        assert df.loc[p["name"], "value"] == p["value"]
        assert (df.loc[p["name"], "unit"], df.loc[p["name"], "source"]) == (p["unit"], p["source"])


def test_describe_unknown_model_is_a_scenario_error():
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.describe("komarova2030")
    assert info.value.key == "model" and "komarova2003" in info.value.expected


# -- scenarios --------------------------------------------------------------------------------

def test_scenario_from_yaml_is_checked_and_summarised():
    s = osteon.Scenario.from_yaml(FIG2)
    assert (s.name, s.model, s.duration, s.n_runs, s.n_times) == ("komarova2003_fig2", "komarova2003", 300.0, 1, 601)
    assert s.source == str(FIG2) and s.text == FIG2.read_text()
    assert "komarova2003_fig2" in repr(s)


def test_scenario_is_immutable_and_with_changes_makes_a_new_one():
    s = osteon.Scenario.from_yaml(FIG2)
    text = s.text
    with pytest.raises(AttributeError):
        s.name = "other"
    with pytest.raises(AttributeError):
        del s.text
    changed = s.with_changes(parameters={"g11": 1.1}, duration="2 y", output={"times": ["1 d", "1 y"]})
    assert s.text == text and s.duration == 300.0  # unchanged
    assert changed.duration == pytest.approx(730.5)  # 2 y = 2 x 365.25 d
    assert changed.n_times == 2  # `times` replaced `every`
    d = changed.to_dict()
    assert d["parameters"] == {"g11": 1.1}
    assert d["initial"] == {"OC": 11, "OB": 212, "z": "100 %"}  # untouched keys kept
    # Mappings merge key by key; None removes a key.
    twice = changed.with_changes(parameters={"g12": 0.9})
    assert twice.to_dict()["parameters"] == {"g11": 1.1, "g12": 0.9}
    assert "parameters" not in twice.with_changes(parameters=None).to_dict()
    assert changed != s and changed == changed.with_changes({})


def test_from_dict_runs_like_the_file():
    a = osteon.Scenario.from_yaml(FIG2)
    b = osteon.Scenario.from_dict(a.to_dict())
    assert b.source == "<dict>"
    assert np.array_equal(osteon.run(a).values, osteon.run(b).values)


def test_bad_scenario_file_raises_scenario_error_with_file_line_and_key(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("osteon: 1\nname: broken\nmodel: komarova2003\nduration: 300 d\nparameters: {alpha1: 3 mg}\n")
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.Scenario.from_yaml(path)
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.file, e.line, e.key) == (str(path), 5, "parameters.alpha1")
    assert "3 mg" in e.found and "1/d" in e.expected
    assert str(e).startswith(f"{path}:5:") and "parameters.alpha1" in str(e)


def test_errors_from_dicts_changes_and_options_name_the_key():
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.Scenario.from_dict({"osteon": 1, "name": "x", "model": "komarova2003", "duration": "-3 d"})
    assert info.value.file == "<dict>" and info.value.key == "duration" and info.value.line == 4
    s = osteon.Scenario.from_yaml(FIG2)
    with pytest.raises(osteon.ScenarioError) as info:
        s.with_changes(parameters={"g111": 1.0})
    assert info.value.key == "parameters.g111" and "g11" in info.value.expected  # did you mean
    assert info.value.line > 0
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.run(s, integrator="euler")
    assert info.value.key == "integrator" and "rosenbrock" in info.value.expected
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.Scenario.from_text("osteon: 1\nname: x\nmodel: komarova2003\nduration: 300 d\noutput: {every: 1 d\n")
    assert info.value.file == "<string>" and info.value.line >= 5


def test_missing_scenario_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        osteon.Scenario.from_yaml(tmp_path / "nope.yaml")


# -- runs -------------------------------------------------------------------------------------

def test_run_reproduces_komarova_2003_fig2():
    r = osteon.run(FIG2)
    assert isinstance(r, osteon.Result) and r.ok and r.n_runs == 1
    assert r.variables[:3] == ["OC", "OB", "z"] and r.units["z"] == "%" and r.units["OC"] == "cells"
    assert r.values.shape == (1, len(r.variables), 601)
    z = r["z"][0]
    # Reference numerical solution of BIOMD0000000148 (validation target 1, docs/models/komarova2003.md).
    assert z[r.times == 100.0][0] == pytest.approx(99.774, abs=5e-4)
    assert z[r.times == 50.0][0] == pytest.approx(97.196, abs=5e-4)
    assert r["OB"].max() == pytest.approx(395.8, abs=0.1)
    oc, ob = komarova_steady()
    assert r["OC"][0, -1] == pytest.approx(oc, rel=1e-5) and r["OB"][0, -1] == pytest.approx(ob, rel=1e-5)
    with pytest.raises(KeyError, match="OC"):
        r["nope"]


def open_cli_output(cli, scenario_path, out, *extra):
    done = cli("run", scenario_path, "-o", out, "--quiet", *extra)
    assert done.returncode in (0, 1), done.stderr
    return xr.open_dataset(out, engine="h5netcdf").load()


def assert_same_as_file(ds_api, ds_file):
    assert set(ds_api.data_vars) == set(ds_file.data_vars)
    assert set(ds_api.coords) == set(ds_file.coords)
    assert np.array_equal(ds_api.time.values, ds_file.time.values)
    assert np.array_equal(ds_api.run.values, ds_file.run.values)
    for name, v in ds_file.data_vars.items():
        if name == "status_message":
            assert list(ds_api[name].values) == [str(m) for m in v.values]
            continue
        assert ds_api[name].dims == v.dims, name
        assert np.array_equal(ds_api[name].values, v.values, equal_nan=True), name
        for key in ("units", "long_name", "flag_meanings"):
            assert ds_api[name].attrs.get(key) == v.attrs.get(key), (name, key)
    for name, c in ds_file.coords.items():
        assert np.array_equal(ds_api[name].values, c.values), name
        assert ds_api[name].attrs.get("units") == c.attrs.get("units"), name
        assert ds_api[name].attrs.get("long_name") == c.attrs.get("long_name"), name
    for key in ("Conventions", "title", "model", "model_citation", "scenario", "settings", "source", "disclaimer"):
        assert ds_api.attrs[key] == ds_file.attrs[key], key
    assert int(ds_api.attrs["osteon_format"]) == int(ds_file.attrs["osteon_format"]) == 1


def test_to_xarray_is_identical_to_the_cli_file(cli, tmp_path):
    ds_file = open_cli_output(cli, FIG2, tmp_path / "fig2.h5")
    ds_api = osteon_run_xr(FIG2)
    assert_same_as_file(ds_api, ds_file)
    assert ds_api.z.attrs == {"units": "%", "long_name": "bone mass relative to the initial bone mass"}


def osteon_run_xr(path, **options):
    return osteon.run(osteon.Scenario.from_yaml(path), **options).to_xarray()


def test_ensemble_with_factors_is_identical_to_the_cli_file(cli, tmp_path):
    s = ensemble_scenario()
    path = tmp_path / "ensemble.yaml"
    s.to_yaml(path)
    ds_file = open_cli_output(cli, path, tmp_path / "ensemble.h5", "--integrator", "rosenbrock")
    ds_api = osteon.run(osteon.Scenario.from_yaml(path), integrator="rosenbrock").to_xarray()
    assert_same_as_file(ds_api, ds_file)
    assert list(ds_api.g11.values) == [0.5, 0.8, 1.0]
    assert ds_api["initial.OC"].attrs["units"] == "cells"
    assert ds_api.OC.isel(run=2, time=0).item() == 20.0  # the initial state came from the table
    assert "rosenbrock" in ds_api.attrs["settings"]


def test_failed_run_matches_the_cli_file(cli, tmp_path):
    ds_file = open_cli_output(cli, INVALID_R, tmp_path / "invalid.h5")
    r = osteon.run(INVALID_R)
    assert not r.ok and list(r.status) == [1]
    assert "R" in r.messages[0] and np.isnan(r.values).all()
    assert_same_as_file(r.to_xarray(), ds_file)


def test_threads_and_integrators_do_not_change_the_numbers():
    s = ensemble_scenario()
    one, two = osteon.run(s, threads=1), osteon.run(s, threads=2)
    assert np.array_equal(one.values, two.values)
    ref = osteon.run(s, integrator="odeint-dopri5", rtol=1e-10, atol=1e-10)
    assert np.allclose(one.values, ref.values, rtol=1e-6, atol=1e-8)
    with pytest.raises(ValueError):
        osteon.run(s, threads=0)


def test_to_dataframe():
    r = osteon.run(ensemble_scenario())
    df = r.to_dataframe()
    assert df.index.names == ["run", "time"] and len(df) == 3 * r.times.size
    assert list(df.columns) == r.variables + ["g11", "initial.OC"]
    assert np.array_equal(df.loc[1, "z"].values, r["z"][1])
    assert np.array_equal(df.loc[2].index.values, r.times)
    assert (df.loc[1, "g11"] == 0.8).all()
    assert df.attrs["units"]["z"] == "%" and df.attrs["units"]["time"] == "d"


def test_engine_runs_with_the_gil_released():
    # A ticker thread keeps ticking while the engine integrates only if the GIL is released.
    s = osteon.Scenario.from_dict({
        "osteon": 1, "name": "gil", "model": "pivonka2008", "duration": "2000 d", "output": {"every": "10 d"},
        "solver": {"method": "odeint-rosenbrock4", "rtol": 1e-10, "atol": 1e-16},
        "events": [{"at": "20 d", "set": {"P_PTH": "1000 pM/d"}}],
        "runs": {"columns": ["A_OCa"], "rows": [[0.5 + 0.0002 * i] for i in range(1000)]}})
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.002)

    t = threading.Thread(target=ticker)
    t.start()
    t0 = time.perf_counter()
    result = osteon.run(s, threads=1)
    elapsed = time.perf_counter() - t0
    stop.set()
    t.join()
    assert result.ok
    assert elapsed > 0.3, "the run should be long enough to tell"
    during = [x for x in ticks if t0 <= x <= t0 + elapsed]
    gaps = np.diff(during)
    assert len(during) > 10 and gaps.max() < 0.5 * elapsed


# -- steady states ----------------------------------------------------------------------------

def test_steady_closed_form_and_overrides(osteon_binary):
    import subprocess
    st = osteon.steady("komarova2003")
    oc, ob = komarova_steady()
    assert st.converged and st.method == "closed form"
    assert st["OC"] == pytest.approx(oc, rel=1e-12) and st.state["OB"] == pytest.approx(ob, rel=1e-12)
    assert st.units["OC"] == "cells" and st.parameters["alpha1"] == 3.0
    for changed in (osteon.steady("komarova2003", beta1=0.4), osteon.steady("komarova2003", beta1="0.4 /d"),
                    osteon.steady("komarova2003", beta1="2.8 1/wk")):
        assert changed["OC"] == pytest.approx(komarova_steady(beta1=0.4)[0], rel=1e-12)
    cli = json.loads(subprocess.run([str(osteon_binary), "steady", "lemaire2004", "--format", "json"],
                                    capture_output=True, text=True, check=True).stdout)
    st = osteon.steady("lemaire2004")
    assert st.state == cli["state"] and st.method == cli["method"]
    # Lemaire 2004 steady state (paper: R = 7.734e-4, B = 7.282e-4 (rounded), C = 9.127e-4 pM).
    assert st["R"] == pytest.approx(7.734e-4, rel=1e-3) and st["C"] == pytest.approx(9.127e-4, rel=1e-3)
    assert st.to_series()["B"] == pytest.approx(7.2834e-4, rel=1e-4)


def test_steady_rejects_unknown_parameters_units_and_ranges():
    with pytest.raises(osteon.ScenarioError, match="beta11"):
        osteon.steady("komarova2003", beta11=0.4)
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.steady("komarova2003", beta1="0.4 mg")
    assert "1/d" in info.value.expected
    with pytest.raises(osteon.ScenarioError):
        osteon.steady("komarova2003", g11=11.0)  # outside [-10, 10]
    with pytest.raises(TypeError):
        osteon.steady("komarova2003", beta1=[0.4])


# -- compare, open, sweep ---------------------------------------------------------------------

def test_compare_tabulates_variables_at_times():
    base = osteon.Scenario.from_yaml(FIG2)
    df = osteon.compare({"fig2": base, "g11_0.8": base.with_changes(parameters={"g11": 0.8})},
                        at=["50 d", "100 d"], variables=["z", "OC"])
    assert list(df.columns) == ["z", "OC"] and df.index.names == ["scenario", "run", "at"]
    assert df.loc[("fig2", 0, "100 d"), "z"] == pytest.approx(99.774, abs=5e-4)
    assert df.loc[("fig2", 0, "50 d"), "z"] == pytest.approx(97.196, abs=5e-4)
    assert df.loc[("g11_0.8", 0, "50 d"), "z"] < df.loc[("fig2", 0, "50 d"), "z"]  # stronger autocrine loop
    assert df.attrs["units"] == {"z": "%", "OC": "cells"}
    # Lists are labelled by scenario name; ensembles give one row per run.
    df = osteon.compare([ensemble_scenario()], at=["100 d"], variables=["z"])
    assert list(df.index) == [("fig2_ensemble", r, "100 d") for r in range(3)]
    with pytest.raises(ValueError, match="komarova2003_fig2"):
        osteon.compare([base, base], at=["1 d"])
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.compare([base], at=["2 y"])
    assert info.value.key.startswith("output.times")


def test_compare_refuses_bare_numbers_and_accepts_one_path(tmp_path):
    """A bare number in `at` was read as days (a 1 meant for a year ran one day); a single path
    string was iterated character by character ("/: error: found a directory")."""
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.compare([osteon.Scenario.from_yaml(FIG2)], at=["50 d", 1])
    assert info.value.key == "at[1]" and info.value.found == "1" and "unit" in info.value.expected
    for one in (str(FIG2), FIG2):
        df = osteon.compare(one, at=["50 d"], variables=["z"])
        assert df.loc[("komarova2003_fig2", 0, "50 d"), "z"] == pytest.approx(97.196, abs=5e-4)


def test_open_reads_any_osteon_file(cli, tmp_path):
    out = tmp_path / "k.h5"
    assert cli("run", FIG2, "-o", out, "--quiet").returncode == 0
    with osteon_open(out) as ds:
        assert ds.z.dims == ("run", "time") and ds.attrs["model"] == "komarova2003"
        assert np.array_equal(ds.z.values, osteon_run_xr(FIG2).z.values)
    with pytest.raises(FileNotFoundError):
        osteon_open(tmp_path / "missing.h5")


def osteon_open(path):
    return osteon.open(path)


def has_sweep_command(cli):
    return "osteon sweep" in cli("--help").stdout


def test_sweep_runs_osteon_sweep_and_opens_its_file(cli, tmp_path):
    if not has_sweep_command(cli):
        pytest.skip("osteon sweep is not part of this build")
    grid = REPO / "scenarios/sweeps/komarova2003_grid.yaml"
    ds = osteon.sweep(grid, tmp_path / "grid.h5", threads=2)
    assert cli("sweep", grid, "-o", tmp_path / "cli.h5", "--quiet").returncode == 0
    with xr.open_dataset(tmp_path / "cli.h5", engine="h5netcdf") as ref:
        for name in ("k1", "k2", "z_end", "z_min", "z"):
            assert np.array_equal(ds[name].values, ref[name].values), name
    # The published constants (k1 = 0.24, k2 = 0.0017 %/(cell d)) are the centre of the 5 x 5
    # grid (run 12, k2 fastest): that run is Fig. 2 itself.
    assert ds.k1.values[12] == pytest.approx(0.24) and ds.k2.values[12] == pytest.approx(0.0017)
    assert ds.z_end.values[12] == pytest.approx(osteon.run(FIG2)["z"][0, -1], rel=1e-9)
    ds.close()
    with pytest.raises(osteon.ScenarioError) as info:  # exists, no force
        osteon.sweep(grid, tmp_path / "grid.h5")
    assert info.value.key == "-o"
    bad = tmp_path / "bad.yaml"
    bad.write_text(grid.read_text().replace("base: ../literature/", f"base: {REPO}/scenarios/literature/")
                   .replace("{path: k1,", "{path: k111,"))
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.sweep(bad, tmp_path / "bad.h5")
    assert info.value.file == str(bad) and info.value.line > 0 and "k111" in str(info.value)
    # A bad option names the function it was given to (it said "osteon.run:", before).
    with pytest.raises(osteon.ScenarioError) as info:
        osteon.sweep(grid, tmp_path / "opt.h5", integrator="euler")
    assert info.value.file == "osteon.sweep" and info.value.key == "integrator"


def test_scenario_error_survives_pickling():
    e = osteon.ScenarioError("f.yaml:3:1: error: ...", "f.yaml", 3, 1, "duration", "'x'", "a time")
    back = pickle.loads(pickle.dumps(e))
    assert (back.file, back.line, back.column, back.key, back.found, back.expected) == \
        ("f.yaml", 3, 1, "duration", "'x'", "a time")
    assert str(back) == str(e)


# -- issue 19 -----------------------------------------------------------------------------------

def test_deeply_nested_unit_raises_scenario_error_not_a_crash():
    """33 000 nested '(' overflowed the unit parser's stack and killed the interpreter (SIGSEGV)."""
    nested = "(" * 33000 + "/d" + ")" * 33000
    text = FIG2.read_text() + f"parameters: {{alpha1: 3 {nested}}}\n"
    with pytest.raises(osteon.ScenarioError) as caught:
        osteon.Scenario.from_text(text, "nested.yaml")
    assert caught.value.key == "parameters.alpha1" and caught.value.file == "nested.yaml"


@pytest.mark.parametrize("name", ["no", "yes", "off", "on", "n", "y"])
def test_with_changes_keeps_names_that_yaml_11_reads_as_booleans(name):
    s = osteon.Scenario.from_yaml(FIG2).with_changes(name=name)
    assert s.name == name
    changed = s.with_changes(duration="10 d")
    assert changed.name == name and changed.to_dict()["name"] == name


def test_yaml_library_errors_become_scenario_errors():
    with pytest.raises(osteon.ScenarioError) as caught:
        osteon.Scenario.from_yaml(FIG2).with_changes(description=object())
    assert "cannot be written as YAML" in str(caught.value)


def test_a_device_or_fifo_as_scenario_file_raises_scenario_error(tmp_path):
    """Scenario.from_yaml("/dev/zero") read forever, a FIFO blocked."""
    import os
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo):
        with pytest.raises(osteon.ScenarioError) as caught:
            osteon.Scenario.from_yaml(path)
        assert "a device, FIFO or other special file" in str(caught.value)


def test_output_names_come_from_the_engine_schema(cli, tmp_path):
    """The package reads the HDF5 names from the engine (engine/output/output_schema.hpp via
    _core.schema); a file written by the command line has exactly those names."""
    import h5py
    from osteon._native import core

    n = core().schema
    ids = [k for k, v in n.items() if not k.endswith(("_value", "_text", "_units", "_axis", "_long_name"))]
    assert len({n[k] for k in ids}) == len(ids), "two schema entries share a name"
    out = tmp_path / "fig2.h5"
    assert cli("run", FIG2, "-o", out, "--quiet").returncode == 0
    with h5py.File(out, "r") as f:
        for key in ("conventions", "title", "source", "history", "format_version", "model", "model_citation",
                    "scenario", "settings", "disclaimer"):
            assert n[key] in f.attrs, key
        for key in ("time", "run", "status", "status_message"):
            assert n[key] in f, key
        def text(value):
            return value.decode() if isinstance(value, bytes) else value

        assert int(f.attrs[n["format_version"]]) == n["format_version_value"]
        assert text(f.attrs[n["disclaimer"]]) == n["disclaimer_text"]
        assert text(f[n["time"]].attrs[n["units"]]) == n["time_units"]
    ds = osteon_run_xr(FIG2)
    assert ds[n["time"]].attrs[n["long_name"]] == n["time_long_name"]


def test_ctrl_c_during_sweep_keeps_finished_runs_and_resume_matches_the_cli(cli, tmp_path):
    """osteon.sweep runs in the engine, not a subprocess: Ctrl-C (here _thread.interrupt_main)
    stops handing out runs and raises SweepError(exit_code=3) with the finished runs in
    OUT.partial; resume=True completes a file bitwise equal to the command's."""
    import _thread

    from interrupted_sweeps import datasets, slow_sweep

    path = slow_sweep(tmp_path, seed=11)  # 12 288 runs: about 2 s on one core, stopped after 0.1 s
    out = tmp_path / "py.h5"
    partial = tmp_path / "py.h5.partial"
    returned = threading.Event()

    def interrupt_once_started():
        while not partial.exists() and not returned.is_set():
            time.sleep(0.005)
        time.sleep(0.1)
        if not returned.is_set():
            _thread.interrupt_main()

    watcher = threading.Thread(target=interrupt_once_started)
    watcher.start()
    try:
        with pytest.raises(osteon.SweepError) as info:
            osteon.sweep(path, out, threads=1)
    finally:
        returned.set()
        watcher.join()
    assert info.value.exit_code == 3 and "resume=True" in str(info.value)
    assert partial.exists() and not out.exists()
    osteon.sweep(path, out, threads=2, resume=True).close()
    assert not partial.exists()
    done = cli("sweep", path, "-o", tmp_path / "cli.h5", "--quiet")
    assert done.returncode == 0, done.stderr
    assert datasets(out) == datasets(tmp_path / "cli.h5")
