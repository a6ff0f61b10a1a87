"""Figures (python/osteon/plot.py) and `osteon plot` (cli/plot_command.cpp): non-empty
PNGs whose axes carry the expected labels and data."""

import os
import subprocess

import h5py
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import xarray as xr  # noqa: E402

from python_package import REPO, osteon  # noqa: E402
from osteon import plot  # noqa: E402

FIG2 = REPO / "scenarios/literature/komarova2003_fig2.yaml"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


def assert_png(path):
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC and len(data) > 5000


def fake_integrated(name, years=5.0, drop=-4.0, t0=-1.8):
    """A dataset with the integrated model's output names (docs/models/integrated.md) and known values:
    BMD falls linearly by `drop` % over the horizon, T-scores by drop/10 per site."""
    t = np.linspace(0.0, years * 365.25, 61)
    frac = t / t[-1]
    data = {}
    for i, site in enumerate(("lumbar_spine", "total_hip", "femoral_neck")):
        data[f"bmd_{site}_change"] = (("run", "time"), [drop * frac * (1 + 0.1 * i)], {"units": "%", "long_name": site})
        data[f"t_score_{site}"] = (("run", "time"), [t0 + drop / 10 * frac - 0.2 * i], {"units": "1", "long_name": site})
    data["ctx_change"] = (("run", "time"), [30.0 * frac], {"units": "%", "long_name": "CTX"})
    data["p1np_change"] = (("run", "time"), [15.0 * frac], {"units": "%", "long_name": "P1NP"})
    return xr.Dataset(data, coords={"time": ("time", t, {"units": "d"}), "run": [0]}, attrs={"title": f"{name}: fake"})


def test_trajectories_of_a_result(tmp_path):
    r = osteon.run(FIG2)
    fig = plot.trajectories(r, ["OC", "z"])
    axes = fig.get_axes()
    assert [a.get_ylabel() for a in axes] == ["OC (cells)", "z (%)"]
    assert axes[-1].get_xlabel() == "time (d)"
    assert axes[1].get_title(loc="left") == "bone mass relative to the initial bone mass"
    line = axes[1].get_lines()[0]
    assert np.array_equal(line.get_xdata(), r.times) and np.array_equal(line.get_ydata(), r["z"][0])
    fig.savefig(tmp_path / "t.png")
    assert_png(tmp_path / "t.png")
    with pytest.raises(KeyError, match="nope"):
        plot.trajectories(r, ["nope"])


def test_trajectories_of_an_ensemble_file_label_runs_by_factor(cli, tmp_path):
    data = osteon.Scenario.from_yaml(FIG2).to_dict()
    data.update(name="ens", output={"every": "5 d"}, runs={"columns": ["g11"], "rows": [[0.5], [0.8]]})
    path = tmp_path / "ens.yaml"
    osteon.Scenario.from_dict(data).to_yaml(path)
    assert cli("run", path, "-o", tmp_path / "ens.h5", "--quiet").returncode == 0
    fig = plot.trajectories(tmp_path / "ens.h5", "z")
    (ax,) = fig.get_axes()
    assert [l.get_label() for l in ax.get_lines()] == ["g11 = 0.5", "g11 = 0.8"]


@pytest.fixture
def cli(request):
    return request.getfixturevalue("osteon")


def test_compare_panels_with_who_classes(tmp_path):
    results = {"ai_alone": fake_integrated("ai_alone"), "ai_denosumab": fake_integrated("ai_denosumab", drop=3.0)}
    fig = plot.compare(results)
    axes = fig.get_axes()
    titles = [a.get_title() for a in axes]
    assert titles[:8] == ["BMD change, lumbar spine", "BMD change, total hip", "BMD change, femoral neck",
                          "T-score, lumbar spine", "T-score, total hip", "T-score, femoral neck",
                          "CTX change", "P1NP change"]
    assert [a.get_ylabel() for a in axes[:8]] == ["BMD change (%)"] * 3 + ["T-score"] * 3 + \
        ["CTX change (%)", "P1NP change (%)"]
    assert all(a.get_xlabel() == "time (y)" for a in axes[:8])
    # One line per scenario, in years, with the scenario's numbers.
    lines = axes[0].get_lines()
    data_lines = [l for l in lines if l.get_label() in results]
    assert [l.get_label() for l in data_lines] == ["ai_alone", "ai_denosumab"]
    assert data_lines[0].get_xdata()[-1] == pytest.approx(5.0)
    assert data_lines[0].get_ydata()[-1] == pytest.approx(-4.0)
    # WHO classes shaded on T-score panels: normal above -1, osteopenia (-2.5, -1), osteoporosis below -2.5.
    spans = {p.get_label(): p for p in axes[3].patches}
    assert set(spans) == {"normal", "osteopenia", "osteoporosis"}

    def y_extent(patch):  # axhspan: a Polygon (matplotlib 3.6) or a Rectangle (later versions)
        if hasattr(patch, "get_height"):
            return patch.get_y(), patch.get_y() + patch.get_height()
        ys = np.asarray(patch.get_xy())[:, 1]
        return ys.min(), ys.max()

    assert y_extent(spans["osteopenia"]) == pytest.approx((-2.5, -1.0))
    assert y_extent(spans["normal"])[0] == pytest.approx(-1.0)
    assert y_extent(spans["osteoporosis"])[1] == pytest.approx(-2.5)
    fig.savefig(tmp_path / "c.png")
    assert_png(tmp_path / "c.png")


def test_compare_without_integrated_outputs_is_an_error():
    with pytest.raises(ValueError, match="integrated"):
        plot.compare([osteon.run(FIG2)])


def write_sweep_file(path, method="sobol"):
    """A sweep file's `sensitivity` group in the documented layout (plot.read_sensitivity)."""
    metrics, factors = ["bv_change_1y", "oca_peak"], ["A_OCa", "K_A2", "D_OBp"]
    s1 = np.array([[0.6, 0.2, 0.1], [0.3, 0.5, 0.05]])
    with h5py.File(path, "w") as f:
        g = f.create_group("sensitivity")
        g.attrs["method"] = method
        g.attrs["confidence_level"] = 0.95
        g.create_dataset("metric", data=np.array(metrics, dtype=object), dtype=h5py.string_dtype())
        g.create_dataset("factor", data=np.array(factors, dtype=object), dtype=h5py.string_dtype())
        if method == "sobol":
            g["S1"], g["S1_conf"], g["ST"], g["ST_conf"] = s1, s1 / 10, s1 + 0.05, s1 / 8
        else:
            g["mu_star"], g["mu_star_conf"], g["sigma"] = s1 * 10, s1, s1 * 2
            g.create_dataset("metric_units", data=np.array(["%", "pM"], dtype=object), dtype=h5py.string_dtype())
    return metrics, factors, s1


def test_sensitivity_bars_with_confidence_intervals(tmp_path):
    metrics, factors, s1 = write_sweep_file(tmp_path / "sweep.h5")
    fig = plot.sensitivity(tmp_path / "sweep.h5")
    axes = fig.get_axes()
    assert [a.get_title(loc="left") for a in axes] == metrics
    assert all(a.get_ylabel() == "Sobol index" for a in axes) and axes[-1].get_xlabel() == "factor"
    assert [t.get_text() for t in axes[0].get_xticklabels()] == factors
    heights = [p.get_height() for p in axes[1].patches]
    assert heights == pytest.approx(list(s1[1]) + list(s1[1] + 0.05))  # S1 bars then ST bars
    caps = [c for c in axes[0].containers if hasattr(c, "errorbar") and c.errorbar is not None]
    assert len(caps) == 2  # both bar sets carry confidence intervals
    fig.savefig(tmp_path / "s.png")
    assert_png(tmp_path / "s.png")
    write_sweep_file(tmp_path / "morris.h5", method="morris")
    fig = plot.sensitivity(tmp_path / "morris.h5", metrics=["oca_peak"])
    assert [a.get_ylabel() for a in fig.get_axes()] == ["elementary effect (pM)"]
    with pytest.raises(KeyError):
        plot.sensitivity(tmp_path / "sweep.h5", metrics=["nope"])


def test_sensitivity_of_a_real_sobol_sweep(cli, osteon_binary, tmp_path):
    if "osteon sweep" not in cli("--help").stdout:
        pytest.skip("osteon sweep is not part of this build")
    sweep = tmp_path / "sobol.yaml"
    sweep.write_text(f"""osteon: 1
name: k_sobol
base: {FIG2}
factors:
  - {{path: k1, range: [0.12 %/(cell*d), 0.36 %/(cell*d)]}}
  - {{path: k2, range: [0.00085 %/(cell*d), 0.00255 %/(cell*d)]}}
  - {{path: g11, range: [0.3, 0.7]}}
design: {{type: sobol, samples: 64, seed: 7}}
outputs: none
metrics:
  - {{name: z_end, value: z, at: 300 d}}
  - {{name: z_min, min: z}}
""")
    osteon.sweep(sweep, tmp_path / "sobol.h5").close()
    data = plot.read_sensitivity(tmp_path / "sobol.h5")
    assert data["method"] == "sobol" and data["factor"] == ["k1", "k2", "g11"] and data["metric"] == ["z_end", "z_min"]
    fig = plot.sensitivity(tmp_path / "sobol.h5")
    for ax, i in zip(fig.get_axes(), range(2)):
        heights = [p.get_height() for p in ax.patches]
        assert heights == pytest.approx(list(data["S1"][i]) + list(data["ST"][i]))
    # The trough of the cycle is set by resorption (k1): its total index dominates z_min.
    assert data["ST"][1][0] > data["ST"][1][1] and data["ST"][1][0] > data["ST"][1][2]
    done = run_plot(osteon_binary, tmp_path / "sobol.h5", "-o", tmp_path / "sobol.png")
    assert done.returncode == EXIT_OK, done.stderr
    assert_png(tmp_path / "sobol.png")


# -- osteon plot ------------------------------------------------------------------------------

def run_plot(osteon_binary, *args):
    return subprocess.run([str(osteon_binary), "plot", *map(str, args)], capture_output=True, text=True, timeout=300,
                          cwd=REPO)


def test_osteon_plot_writes_a_png(osteon_binary, tmp_path):
    h5 = tmp_path / "demo.h5"
    assert subprocess.run([str(osteon_binary), "run", str(FIG2), "-o", str(h5), "--quiet"]).returncode == 0
    done = run_plot(osteon_binary, h5, "-o", tmp_path / "demo.png")
    assert done.returncode == EXIT_OK, done.stderr
    assert_png(tmp_path / "demo.png")
    assert "demo.png" in done.stdout
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "demo.png").stat().st_mode & 0o777 == 0o666 & ~umask
    done = run_plot(osteon_binary, h5, "-o", tmp_path / "two.png", "--variables", "OC,z", "--quiet")
    assert done.returncode == EXIT_OK and done.stdout == ""
    assert_png(tmp_path / "two.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.h5", "demo.png", "two.png"]  # no temporaries


def test_osteon_plot_of_a_sweep_file_draws_its_indices(osteon_binary, tmp_path):
    write_sweep_file(tmp_path / "sweep.h5")
    done = run_plot(osteon_binary, tmp_path / "sweep.h5", "-o", tmp_path / "s.png")
    assert done.returncode == EXIT_OK, done.stderr
    assert_png(tmp_path / "s.png")


@pytest.mark.parametrize("case, message", [
    ("unknown variable", "nope"), ("missing file", "no such file"), ("not hdf5", "not an HDF5 file"),
    ("bad extension", "unknown image type"), ("no output", "-o"), ("missing directory", "does not exist"),
])
def test_osteon_plot_bad_input_exits_2(osteon_binary, tmp_path, case, message):
    h5 = tmp_path / "demo.h5"
    subprocess.run([str(osteon_binary), "run", str(FIG2), "-o", str(h5), "--quiet"], check=True)
    (tmp_path / "text.h5").write_text("not hdf5")
    args = {
        "unknown variable": [h5, "-o", tmp_path / "x.png", "--variables", "OC,nope"],
        "missing file": [tmp_path / "missing.h5", "-o", tmp_path / "x.png"],
        "not hdf5": [tmp_path / "text.h5", "-o", tmp_path / "x.png"],
        "bad extension": [h5, "-o", tmp_path / "x.docx"],
        "no output": [h5],
        "missing directory": [h5, "-o", tmp_path / "no" / "x.png"],
    }[case]
    done = run_plot(osteon_binary, *args)
    assert done.returncode == EXIT_BAD_INPUT, (done.stdout, done.stderr)
    assert message in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_osteon_plot_help(osteon_binary):
    done = run_plot(osteon_binary, "--help")
    assert done.returncode == EXIT_OK and "osteon plot OUT.h5" in done.stdout and "--variables" in done.stdout


def test_plot_of_a_compare_file_has_one_colour_per_scenario(osteon_binary, tmp_path):
    out = tmp_path / "clinical.h5"
    names = ["ai_alone", "ai_denosumab"]
    r = subprocess.run([str(osteon_binary), "compare", *[REPO / f"scenarios/clinical/{n}.yaml" for n in names], "-o", out],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    fig = osteon.plot.compare([osteon.open(out)])
    lines = fig.axes[0].get_lines()
    labelled = [ln for ln in lines if not ln.get_label().startswith("_")]
    assert [ln.get_label() for ln in labelled] == names
    assert labelled[0].get_color() != labelled[1].get_color()
    # Spine BMD: the aromatase inhibitor loses bone, denosumab gains it.
    assert labelled[0].get_ydata()[-1] < 0 < labelled[1].get_ydata()[-1]


def test_osteon_plot_does_not_import_from_the_working_directory(osteon_binary, tmp_path):
    """Issue 19: `python3 -m` put the working directory first on sys.path, so a planted
    h5py.py (or matplotlib/) there ran with the user's rights."""
    h5 = tmp_path / "demo.h5"
    assert subprocess.run([str(osteon_binary), "run", str(FIG2), "-o", str(h5), "--quiet"]).returncode == 0
    planted = tmp_path / "planted"
    planted.mkdir()
    marker = tmp_path / "pwned"
    for module in ("h5py", "xarray", "matplotlib", "numpy", "osteon"):
        (planted / f"{module}.py").write_text(f"open({str(marker)!r}, 'w').write('{module}')\n")
    env = dict(os.environ, PYTHONPATH=str(planted))
    done = subprocess.run([str(osteon_binary), "plot", str(h5), "-o", str(tmp_path / "demo.png")], cwd=planted,
                          capture_output=True, text=True, timeout=300, env=env, check=False)
    assert done.returncode == EXIT_OK, done.stderr
    assert not marker.exists(), f"code from {planted} ran: {marker.read_text()}"
    assert_png(tmp_path / "demo.png")


def test_osteon_plot_refuses_an_existing_image_or_an_input(osteon_binary, tmp_path):
    h5 = tmp_path / "demo.h5"
    assert subprocess.run([str(osteon_binary), "run", str(FIG2), "-o", str(h5), "--quiet"]).returncode == 0
    png = tmp_path / "demo.png"
    png.write_bytes(b"an older figure")
    done = run_plot(osteon_binary, h5, "-o", png)
    assert done.returncode == EXIT_BAD_INPUT and "found an existing file" in done.stderr and "--force" in done.stderr
    assert png.read_bytes() == b"an older figure"
    done = run_plot(osteon_binary, h5, "-o", png, "--force", "--quiet")
    assert done.returncode == EXIT_OK, done.stderr
    assert_png(png)
    before = h5.read_bytes()
    done = run_plot(osteon_binary, h5, "-o", h5, "--force")
    assert done.returncode == EXIT_BAD_INPUT and "found the input file" in done.stderr, done.stderr
    assert h5.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.h5", "demo.png"]


def test_osteon_plot_of_a_grid_sweep_shows_every_panel_with_its_factor_values(osteon_binary, tmp_path):
    """Issue 19: a grid sweep of 12 runs was drawn as 12 unlabelled lines (no legend beyond ten runs)."""
    sweep = tmp_path / "grid.yaml"
    sweep.write_text(f"""osteon: 1
name: grid
base: {REPO / "scenarios/literature/pivonka2008_rankl.yaml"}
factors:
  - {{path: P_OPG, values: [0 pM/d, 1e4 pM/d, 2e4 pM/d]}}
  - {{path: A_OCa, values: [0.5 /d, 0.7 /d, 0.9 /d, 1.1 /d]}}
design: {{type: grid}}
outputs: [BV, OCa]
metrics:
  - {{name: bv_min, min: BV}}
""")
    h5 = tmp_path / "grid.h5"
    done = subprocess.run([str(osteon_binary), "sweep", str(sweep), "-o", str(h5), "--quiet"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == EXIT_OK, done.stderr
    fig = plot.grid(h5)
    axes = fig.axes
    assert len(axes) == 2 * 3
    titles = [ax.get_title() for ax in axes if ax.get_title()]
    assert titles == ["P_OPG = 0 pM/d", "P_OPG = 1e+04 pM/d", "P_OPG = 2e+04 pM/d"]
    for ax in axes:
        labels = [ln.get_label() for ln in ax.get_lines()]
        assert labels == [f"A_OCa = {a} 1/d" for a in ("0.5", "0.7", "0.9", "1.1")], labels
    done = run_plot(osteon_binary, h5, "-o", tmp_path / "grid.png")
    assert done.returncode == EXIT_OK, done.stderr
    assert_png(tmp_path / "grid.png")


def test_plot_of_a_compare_file_needs_neither_xarray_nor_the_extension(osteon_binary, tmp_path):
    """Issue 15: `make demo`'s figure within its time budget: the compare kind reads the file with
    h5py and draws with fixed margins; importing xarray (and pandas) alone cost ~0.5 s of CPU."""
    out = tmp_path / "clinical.h5"
    names = ["ai_alone", "ai_denosumab"]
    r = subprocess.run([str(osteon_binary), "compare", *[REPO / f"scenarios/clinical/{n}.yaml" for n in names], "-o", out],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    code = ("import sys; from osteon.plot_cli import main; code = main([sys.argv[1], '-o', sys.argv[2], '-q']); "
            "heavy = sorted(m for m in ('xarray', 'pandas', 'osteon._core', 'yaml') if m in sys.modules); "
            "print(','.join(heavy)); sys.exit(code)")
    done = subprocess.run(["/usr/bin/python3", "-I", "-c", f"import sys; sys.path.insert(0, {str(REPO / 'python')!r}); "
                           + code, str(out), str(tmp_path / "c.png")], capture_output=True, text=True, check=False)
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.strip() == ""
    assert_png(tmp_path / "c.png")
