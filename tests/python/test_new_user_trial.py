"""Defects a new-user trial of the command line and the Python package found: each test fails
on the code before its fix (docs/errors.md rows 98-103, docs/scenario-format.md)."""

import subprocess
import warnings

import h5py
import matplotlib
import pytest

matplotlib.use("Agg")

from python_package import osteon as pkg  # noqa: E402
from osteon import plot  # noqa: E402

EXIT_OK, EXIT_BAD_INPUT = 0, 2
HEAD = "osteon: 1\nname: {name}\nmodel: integrated\nduration: {duration}\n"


def write(tmp_path, name, body, duration="1 y"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(HEAD.format(name=name, duration=duration) + body)
    return path


def test_plot_of_a_compare_file_draws_one_labelled_line_per_scenario(osteon_binary, tmp_path):
    """`osteon plot FILE --variables estrogen` of a compare file crashed converting the text
    coordinate `scenario` ('ana5') to float; plot.compare split a single path into characters."""
    a = write(tmp_path, "alone", "drugs:\n  - {drug: anastrozole}\n")
    b = write(tmp_path, "with_dmab", "drugs:\n  - {drug: anastrozole}\n  - {drug: denosumab, every: 6 mo}\n")
    out = tmp_path / "cmp.h5"
    done = subprocess.run([str(osteon_binary), "compare", a, b, "-o", out], capture_output=True, text=True)
    assert done.returncode == EXIT_OK, done.stderr
    fig = plot.trajectories(pkg.open(out), ["estrogen"])
    assert [ln.get_label() for ln in fig.axes[0].get_lines()] == ["alone", "with_dmab"]
    done = subprocess.run([str(osteon_binary), "plot", out, "-o", tmp_path / "e.png", "--variables", "estrogen"],
                          capture_output=True, text=True)
    assert done.returncode == EXIT_OK, done.stderr
    fig = plot.compare(str(out))  # one path, not a list of them
    labels = [ln.get_label() for ln in fig.axes[0].get_lines() if not ln.get_label().startswith("_")]
    assert labels == ["alone", "with_dmab"]


def test_compare_at_needs_units(osteon, tmp_path):
    s = write(tmp_path, "s", "")
    done = osteon("compare", s, "--at", "1,2")
    assert done.returncode == EXIT_BAD_INPUT
    assert "key '--at': found '1' (a number without a unit" in done.stderr and "1y" in done.stderr
    assert osteon("compare", s, "--at", "0,6mo").returncode == EXIT_OK


def test_compare_marks_only_doses_that_are_given(osteon, tmp_path):
    """A dose due at t = duration is not given (docs/scenario-format.md): the `*` note said it was."""
    s = write(tmp_path, "endose", "output: {times: [0 d, 6 mo, 1 y]}\ndrugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo}\n")
    done = osteon("compare", s, "--at", "6mo,1y", "--variables", "A_den_sc")
    assert done.returncode == EXIT_OK, done.stderr
    at_6mo, at_1y = done.stdout.split("at 1 y:")
    assert "given at this time" in at_6mo
    assert "given" not in at_1y.split("\n\n")[0] and "*" not in at_1y.split("\n\n")[0]
    # and the depot at 1 y is indeed empty of a new dose (< 1 mg left of the 6-month dose)
    value = float(at_1y.split("endose")[1].split()[0])
    assert value < 1.0


def test_compare_prints_every_column_unit(osteon, tmp_path):
    s = write(tmp_path, "s", "")
    done = osteon("compare", s, "--at", "1y", "--variables", "A_den_sc,BV,ctx_change")
    assert done.returncode == EXIT_OK, done.stderr
    assert "Units: mg (A_den_sc); % (BV, ctx_change)." in done.stdout


def test_regimens_after_the_end_are_refused(osteon, tmp_path):
    for body, key in (("drugs:\n  - {drug: denosumab, every: 6 mo, start: 10 y}\n", "drugs[0].start"),
                      ("exercise:\n  - {type: walking, minutes_per_week: 150, start: 6 y}\n", "exercise[0].start")):
        s = write(tmp_path, "late", body, duration="5 y")
        done = osteon("validate", s)
        assert done.returncode == EXIT_BAD_INPUT, done.stdout
        assert f"late.yaml:6:" in done.stderr and f"key '{key}'" in done.stderr
        assert "a start before the end of the scenario" in done.stderr


def test_premenopausal_aromatase_inhibitor_warns_everywhere(osteon, tmp_path):
    s = write(tmp_path, "premeno", "patient: {age: 46 y, menopause_age: 51 y}\ndrugs:\n  - {drug: anastrozole}\n")
    out = tmp_path / "p.h5"
    done = osteon("run", s, "-o", out)
    assert done.returncode == EXIT_OK
    assert "warning: drugs[0]: anastrozole from age 46 y, before menopause" in done.stderr
    with h5py.File(out) as f:
        assert "before menopause" in str(f.attrs["validity_warnings"])
    with pytest.warns(pkg.ValidityWarning, match="before menopause"):
        result = pkg.run(s)
    assert "before menopause" in result.attrs["validity_warnings"]
    assert "before menopause" in result.to_xarray().attrs["validity_warnings"]
    post = write(tmp_path, "post", "patient: {age: 60 y, menopause_age: 51 y}\ndrugs:\n  - {drug: anastrozole}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", pkg.ValidityWarning)
        assert "validity_warnings" not in pkg.run(post).attrs


def test_minutes_per_session_is_documented_as_unused_for_sessions(osteon):
    done = osteon("describe", "integrated")
    line = next(ln for ln in done.stdout.splitlines() if ln.strip().startswith("resistance "))
    assert "minutes_per_session is not used" in line
    line = next(ln for ln in done.stdout.splitlines() if ln.strip().startswith("walking "))
    assert "not used" not in line


def test_error_message_nits(osteon, tmp_path):
    # adherence as a percentage, a documented unit
    s = write(tmp_path, "adh", "exercise:\n  - {type: resistance, sessions_per_week: 3, adherence: 80 %}\n")
    assert osteon("validate", s).returncode == EXIT_OK
    a = osteon("run", s, "-o", tmp_path / "a.h5", "--quiet")
    s2 = write(tmp_path, "adh2", "exercise:\n  - {type: resistance, sessions_per_week: 3, adherence: 0.8}\n")
    b = osteon("run", s2, "-o", tmp_path / "b.h5", "--quiet")
    assert a.returncode == b.returncode == EXIT_OK
    with h5py.File(tmp_path / "a.h5") as fa, h5py.File(tmp_path / "b.h5") as fb:
        assert (fa["BV"][()] == fb["BV"][()]).all()
    # a tab in the indentation is named
    tab = tmp_path / "tab.yaml"
    tab.write_text(HEAD.format(name="tab", duration="1 y") + "patient:\n\tage: 64 y\n")
    done = osteon("validate", tab)
    assert done.returncode == EXIT_BAD_INPUT and "line 6 is indented with a tab" in done.stderr
    # run onto an existing file: --force, not --resume (run has none)
    out = tmp_path / "a.h5"
    done = osteon("run", s, "-o", out)
    assert done.returncode == EXIT_BAD_INPUT and "--force" in done.stderr and "--resume" not in done.stderr
    # a runs table's bad cell: found the cell, expected the rule (it was the other way round)
    (tmp_path / "runs.csv").write_text("drugs[0].dose\n-60\n")
    ens = write(tmp_path, "ens", "drugs:\n  - {drug: denosumab, every: 6 mo}\nruns: {file: runs.csv}\n")
    done = osteon("validate", ens)
    assert done.returncode == EXIT_BAD_INPUT
    assert "found '-60'; expected a positive dose" in done.stderr, done.stderr


@pytest.mark.parametrize("setting", ["ref_sd_LS=0", "ref_sd_FN=0", "V_c_den=0", "K_m_rmab=0", "M_zol=0"])
def test_divisors_must_be_positive(osteon, tmp_path, setting):
    """`--set ref_sd_LS=0` ran with exit 0 and wrote t_score = inf (declared range >= 0); a zero
    volume, Michaelis constant or molar mass made the run diverge (exit 1)."""
    s = write(tmp_path, "s", "drugs:\n  - {drug: zoledronic_acid}\n")
    out = tmp_path / "o.h5"
    done = osteon("run", s, "-o", out, "--set", setting)
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert f"key '--set {setting.split('=')[0]}': found '0'" in done.stderr
    assert not out.exists()


def test_p1np_proxy_does_not_spike_when_denosumab_starts(osteon, tmp_path):
    """The refill-flux proxy rose +35..+90 % on days 5-20 of denosumab; serum P1NP falls steadily
    and later than CTX (FREEDOM marker substudy, Eastell et al. J Bone Miner Res 2011;26:530)."""
    s = write(tmp_path, "dmab", "output: {times: [0 d, 5 d, 10 d, 20 d, 1 mo, 3 mo, 6 mo]}\n"
              "drugs:\n  - {drug: denosumab, every: 6 mo}\n")
    out = tmp_path / "d.h5"
    assert osteon("run", s, "-o", out, "--quiet").returncode == EXIT_OK
    with h5py.File(out) as f:
        p1np, ctx = f["p1np_change"][0], f["ctx_change"][0]
        assert "OBa/OBa_0" in str(f["p1np_change"].attrs["long_name"])
    assert max(p1np) < 5.0  # no rise beyond noise
    assert all(b <= a + 1e-9 for a, b in zip(p1np[2:], p1np[3:]))  # falls steadily from day 10
    assert p1np[4] > ctx[4] + 20.0  # at 1 month formation lags resorption
    assert p1np[-1] < -50.0  # and is well down by 6 months


def test_a_bad_dose_suggests_the_drugs_own_dose(osteon, tmp_path):
    """A negative anastrozole dose suggested "e.g. '60 mg'", itself refused for anastrozole."""
    for drug, own in (("anastrozole", "1 mg"), ("denosumab", "60 mg"), ("teriparatide", "0.02 mg")):
        s = write(tmp_path, "neg", f"drugs:\n  - {{drug: {drug}, dose: -1 mg}}\n")
        done = osteon("validate", s)
        assert done.returncode == EXIT_BAD_INPUT
        assert f"expected a positive dose of at most 1000 mg, e.g. '{own}' for {drug}" in done.stderr, done.stderr
    s = write(tmp_path, "ok", "drugs:\n  - {drug: anastrozole, dose: 1 mg}\n")
    assert osteon("validate", s).returncode == EXIT_OK
