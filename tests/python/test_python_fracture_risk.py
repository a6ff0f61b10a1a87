"""Fracture risk and balance training of the integrated model through the Python API
(docs/models/integrated.md, Fracture risk and falls): the outputs carry their units, and balance
training lowers them by the Cochrane rate ratio without changing BMD."""

import numpy as np

from python_package import REPO, osteon


def scenario(exercise):
    data = {"osteon": 1, "name": "frac", "model": "integrated", "duration": "2 y", "output": {"every": "6 mo"},
            "patient": {"age": "70 y", "menopause_age": "51 y", "t_score": {"femoral_neck": "-2.0"}},
            "drugs": [{"drug": "letrozole"}]}
    if exercise:
        data["exercise"] = exercise
    return osteon.Scenario.from_dict(data)


def test_fracture_outputs_have_units_and_balance_lowers_them_only():
    plain = osteon.run(scenario(None))
    bal = osteon.run(scenario([{"type": "balance", "sessions_per_week": 3, "start": "0 d", "stop": "1 y"}]))
    assert plain.ok and bal.ok
    for name, unit in [("fracture_risk_hip_rel", "1"), ("fracture_risk_major_rel", "1"),
                       ("fracture_probability_hip_10y", "%"), ("fracture_probability_major_10y", "%")]:
        assert plain.units[name] == unit
    # Start: relative risk 1; Kanis 2008 Table 3b, 70 y, T = -2.0: 2.4 %.
    assert plain["fracture_risk_hip_rel"][0][0] == 1.0
    assert abs(plain["fracture_probability_hip_10y"][0][0] - 2.4) < 1e-12
    np.testing.assert_array_equal(plain["bmd_femoral_neck_change"], bal["bmd_femoral_neck_change"])
    ratio = bal["fracture_risk_hip_rel"][0] / plain["fracture_risk_hip_rel"][0]
    np.testing.assert_allclose(ratio, [0.76, 0.76, 1.0, 1.0, 1.0], rtol=1e-12)  # 0, 6, 12, 18, 24 months
