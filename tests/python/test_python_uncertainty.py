"""Python's compare(uncertainty=N) and the bands in plot.compare (issue 14): the same members and
numbers as `osteon compare --uncertainty N`."""

import h5py
import numpy as np
import pytest

from python_package import REPO, osteon

DEN = str(REPO / "scenarios/clinical/ai_denosumab.yaml")
AI = str(REPO / "scenarios/clinical/ai_alone.yaml")

from osteon import plot  # noqa: E402


@pytest.fixture
def cli(request):
    return request.getfixturevalue("osteon")


def test_python_compare_with_uncertainty_matches_the_command_line(cli, tmp_path):
    frame = osteon.compare([DEN], at=["1 y"], variables=["bmd_lumbar_spine_change"], uncertainty=6, threads=1)
    assert list(frame.columns) == ["bmd_lumbar_spine_change", "bmd_lumbar_spine_change_median",
                                   "bmd_lumbar_spine_change_lower", "bmd_lumbar_spine_change_upper"]
    out = tmp_path / "c.h5"
    assert cli("compare", DEN, "--at", "1y", "--uncertainty", "6", "-o", out).returncode == 0
    with h5py.File(out) as f:
        k = int(np.argmin(abs(f["time"][...] - 365.25)))
        for s in ("", "_median", "_lower", "_upper"):
            assert frame["bmd_lumbar_spine_change" + s].iloc[0] == pytest.approx(
                f["bmd_lumbar_spine_change" + s][0, k], rel=1e-12, abs=1e-12), s
    assert frame.attrs["uncertainty"]["failed_members"] == {"ai_denosumab": []}
    assert frame.attrs["uncertainty"]["members"] == 6


def test_python_compare_refuses_bad_ensemble_options():
    with pytest.raises(ValueError, match="level"):
        osteon.compare([DEN], at=["1 y"], uncertainty=4, level=100)
    with pytest.raises(ValueError, match="uncertainty"):
        osteon.compare([DEN], at=["1 y"], uncertainty=-2)
    with pytest.raises(ValueError, match="at least 2"):  # one member: a band of zero width, before
        osteon.compare([DEN], at=["1 y"], uncertainty=1)
    with pytest.raises(osteon.ScenarioError, match="declares no parameter uncertainty"):
        osteon.compare([str(REPO / "scenarios/literature/lemaire2004_pth.yaml")], at=["10 d"], uncertainty=2)


def test_plot_shades_the_bands(cli, tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.collections import PolyCollection
    out = tmp_path / "c.h5"
    r = cli("compare", AI, DEN, "--at", "1y", "--uncertainty", "4", "-o", out)
    assert r.returncode == 0, r.stderr
    fig = plot.compare([str(out)])
    shaded = [c for ax in fig.axes for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(shaded) >= 2 * 6  # two scenarios x (3 BMD + 3 T-score panels) at least
    # Without bands, no shading beyond the WHO classes (axhspan is a Polygon patch, not a collection).
    plain = tmp_path / "p.h5"
    assert cli("compare", AI, DEN, "--at", "1y", "-o", plain).returncode == 0
    fig = plot.compare([str(plain)])
    assert not [c for ax in fig.axes for c in ax.collections if isinstance(c, PolyCollection)]
