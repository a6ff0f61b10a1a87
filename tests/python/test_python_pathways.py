"""Care pathways from Python (docs/pathways.md): decisions and visits in memory equal to the
file's, rule thresholds changed with with_changes, and bad rules raise ScenarioError."""

import h5py
import numpy as np
import pytest

from python_package import REPO, osteon

GUIDELINE = REPO / "scenarios/pathways/ai_guideline.yaml"


def test_decisions_and_visits_match_the_file(tmp_path, request):
    r = osteon.run(GUIDELINE)
    assert r.ok
    assert [d["rule"] for d in r.decisions[0]] == ["antiresorptive_below_minus_2"]
    assert r.decisions[0][0]["action"] == "start zoledronic"
    t = r.decisions[0][0]["time"]
    below = (np.stack([r.measured[f"t_score_{s}"][0] for s in ("lumbar_spine", "total_hip", "femoral_neck")]) < -2.0)
    assert t == r.visit_times[np.nonzero(below.any(axis=0))[0][0]]
    out = tmp_path / "g.h5"
    done = request.getfixturevalue("osteon")("run", GUIDELINE, "-o", out)
    assert done.returncode == 0, done.stderr
    ds = r.to_xarray()
    with h5py.File(out, "r") as f:
        assert np.array_equal(f["decision_time"][:], ds["decision_time"].values, equal_nan=True)
        assert np.array_equal(f["measured_t_score_total_hip"][:], r.measured["t_score_total_hip"], equal_nan=True)
        assert np.array_equal(f["t_score_total_hip"][:], r["t_score_total_hip"])


def test_threshold_with_changes():
    s = osteon.Scenario.from_yaml(GUIDELINE)
    rules = s.to_dict()["rules"]
    rules[0]["when"]["t_score_below"] = -1.5
    early = osteon.run(s.with_changes(rules=rules))
    assert early.decisions[0][0]["time"] < osteon.run(s).decisions[0][0]["time"]
    rules[0]["when"]["t_score_below"] = -4.0
    never = osteon.run(s.with_changes(rules=rules))
    assert never.decisions == [[]]


def test_bad_rule_raises_scenario_error():
    s = osteon.Scenario.from_yaml(GUIDELINE)
    rules = s.to_dict()["rules"]
    rules[0]["when"]["t_score_below"] = -9
    with pytest.raises(osteon.ScenarioError, match=r"rules\[0\]\.when\.t_score_below"):
        osteon.run(s.with_changes(rules=rules))
