"""Scenarios and results cross process and thread boundaries: pickling, a multiprocessing
pool and dask (docs/python.md, "Parallel work")."""

import multiprocessing
import pickle

import numpy as np
import pytest

from python_package import REPO, osteon

FIG2 = REPO / "scenarios/literature/komarova2003_fig2.yaml"


def scenarios():
    base = osteon.Scenario.from_yaml(FIG2).with_changes(output={"every": "5 d"})
    return [base.with_changes(name=f"g11_{i}", parameters={"g11": g}) for i, g in enumerate((0.3, 0.5, 0.8, 1.0))]


def test_scenario_pickles_to_an_equal_scenario():
    s = osteon.Scenario.from_yaml(FIG2).with_changes(parameters={"g11": 0.8})
    back = pickle.loads(pickle.dumps(s))
    assert back == s and back is not s
    assert (back.name, back.model, back.duration, back.source) == (s.name, s.model, s.duration, s.source)
    assert hash(back) == hash(s)


def test_result_pickles_with_its_arrays_and_scenario():
    r = osteon.run(scenarios()[2])
    back = pickle.loads(pickle.dumps(r))
    assert np.array_equal(back.values, r.values) and np.array_equal(back.times, r.times)
    assert back.variables == r.variables and back.units == r.units and back.scenario == r.scenario
    assert back.to_xarray().identical(r.to_xarray())


def test_multiprocessing_pool_of_two_gives_the_same_numbers():
    todo = scenarios()
    expected = [osteon.run(s, threads=1) for s in todo]
    # spawn: fresh interpreters, so scenarios and results really are pickled both ways.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        got = pool.map(osteon.run, todo)
    for e, g in zip(expected, got):
        assert g.scenario == e.scenario
        assert np.array_equal(g.values, e.values)


def test_dask_delayed_threaded_gives_the_same_numbers():
    dask = pytest.importorskip("dask", reason="python3-dask is not installed (scripts/install-deps adds it)")
    todo = scenarios()
    expected = [osteon.run(s, threads=1) for s in todo]
    tasks = [dask.delayed(osteon.run)(s, threads=1) for s in todo]
    got = dask.compute(*tasks, scheduler="threads", num_workers=2)
    for e, g in zip(expected, got):
        assert np.array_equal(g.values, e.values)
    # A reduction over the results in the same graph: bone mass minimum per scenario.
    minima = dask.compute(*[dask.delayed(lambda r: float(np.min(r["z"])))(t) for t in tasks], scheduler="threads")
    assert list(minima) == [float(np.min(e["z"])) for e in expected]
    assert minima[0] > minima[1] > minima[2] > minima[3]  # deeper cycles as the autocrine loop strengthens
