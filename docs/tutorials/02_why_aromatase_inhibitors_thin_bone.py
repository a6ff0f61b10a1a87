# %% [markdown]
# # Lesson 2: why aromatase inhibitors thin bone
#
# Aromatase inhibitors (anastrozole, letrozole, exemestane) are standard adjuvant therapy
# for hormone-receptor-positive breast cancer after menopause. They work by removing
# estrogen, and that is also why they thin bone. This lesson follows the chain from
# estrogen to the RANKL/OPG balance, to osteoclasts and osteoblasts, to turnover markers
# and bone mineral density (BMD), with osteon's `integrated` model, and sets the result
# next to the trials it should agree with.
#
#     PYTHONPATH=build/python /usr/bin/python3 docs/tutorials/02_why_aromatase_inhibitors_thin_bone.py out/tutorials
#
# Figures go to the directory given as argument, else to $OSTEON_TUTORIAL_OUT, else to
# out/tutorials. It needs the `integrated` model and the scenarios in scenarios/clinical/.
# Lesson 1 introduces RANKL and OPG. Research and teaching tool, not medical advice.

# %%
import os
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import osteon  # noqa: E402
from osteon import plot  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
CLINICAL = REPO / "scenarios" / "clinical"
OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OSTEON_TUTORIAL_OUT", "out/tutorials"))
OUT.mkdir(parents=True, exist_ok=True)
SCENARIOS = ["menopause_natural", "ai_alone"]
missing = ([] if "integrated" in osteon.models() else ["the integrated model (not in this build)"]) + \
    [f"scenarios/clinical/{n}.yaml" for n in SCENARIOS if not (CLINICAL / f"{n}.yaml").is_file()]
if missing:
    raise SystemExit("lesson 2 needs " + ", ".join(missing))

# %% [markdown]
# ## 1. Estrogen and the RANKL/OPG balance
#
# Before menopause the ovaries make estrogen. Afterwards a little is still made in fat and
# other tissues by the enzyme aromatase, from androgens. Aromatase inhibitors block that
# last source, so estrogen falls from "low" to "almost none".
#
# In bone, estrogen holds resorption back: it lowers RANKL on cells of the osteoblast
# lineage, raises their OPG, and shortens the life of osteoclasts. Without it the
# RANKL/OPG ratio rises, more osteoclasts form and live longer, and each remodelling cycle
# digs deeper. Osteoblasts follow (formation is coupled to resorption) but do not fill
# every cavity: turnover goes up and bone goes down.
#
# Two scenarios tell the two stories: natural menopause, and a postmenopausal woman who
# starts an aromatase inhibitor.

# %%
scenarios = {name: osteon.Scenario.from_yaml(CLINICAL / f"{name}.yaml") for name in SCENARIOS}
for name, s in scenarios.items():
    print(f"{name}: {s.description or '(no description)'} [{s.duration / 365.25:.3g} y]")
results = {name: osteon.run(s) for name, s in scenarios.items()}
for name, r in results.items():
    if not r.ok:
        raise SystemExit(f"{name} failed: {r.messages}")

# %% [markdown]
# ## 2. Follow the chain
#
# Estrogen, the RANKL/OPG ratio, active osteoclasts (`OCa`) and osteoblasts (`OBa`), and
# bone volume (`BV`), over time. To see what the drug itself does, we also run the same
# woman without it: `with_changes(drugs=None)` removes the `drugs:` list (a sample at an
# event time shows the state after the event, so the first sample of `ai_alone` is already
# on the drug; the twin shows where she would have been).

# %%
results["no_aromatase_inhibitor"] = osteon.run(
    scenarios["ai_alone"].with_changes(name="no_aromatase_inhibitor", drugs=None))
chain = [v for v in ("estrogen", "rankl_opg_ratio", "OCa", "OBa", "BV") if all(v in r for r in results.values())]
fig, axes = plt.subplots(len(chain), 1, sharex=True, figsize=(7, 1.5 + 2.0 * len(chain)), constrained_layout=True)
for ax, var in zip(np.atleast_1d(axes), chain):
    for name, r in results.items():
        ax.plot(r.times / 365.25, r[var][0], label=name)
    unit = next(iter(results.values())).units[var]
    ax.set_ylabel(f"{var} ({unit})" if unit not in ("", "1") else var)
    ax.grid(alpha=0.3)
np.atleast_1d(axes)[0].legend()
np.atleast_1d(axes)[-1].set_xlabel("time (y)")
plot.save(fig, OUT / "lesson2_mechanism.png")


def at_year(r, var, years):
    return float(np.interp(years * 365.25, r.times, r[var][0]))


ai, twin, natural = results["ai_alone"], results["no_aromatase_inhibitor"], results["menopause_natural"]
for var in ("estrogen", "rankl_opg_ratio", "OCa", "OBa"):
    if var in ai:
        print(f"{var}: with the aromatase inhibitor x {at_year(ai, var, 1) / at_year(twin, var, 1):.3g} "
              f"of the same woman without it (at 1 y); natural menopause x "
              f"{at_year(natural, var, natural.times[-1] / 365.25) / natural[var][0][0]:.3g} from before to the end")

# %% [markdown]
# ## 3. Markers and BMD against the trials
#
# Bone turnover shows in the blood: CTX is released when osteoclasts resorb collagen,
# P1NP when osteoblasts make it. BMD is measured by DXA at the lumbar spine and the hip.
# The model gives both as % change from baseline. The published numbers below are from
# the ATAC bone substudy (anastrozole, Eastell et al. 2006), ARIBON (Lester et al. 2008),
# SWAN (natural menopause, Greendale et al. 2012) and the MA.17B placebo arm (late
# postmenopausal background loss, Perez et al. 2006). ATAC and ARIBON were among the
# calibration targets of the integrated model: agreement there checks the calibration,
# it does not confirm a prediction (see docs/models/integrated.md).

# %%
times = [t for t in ("6 mo", "1 y", "2 y", "3 y", "5 y")
         if osteon.to_unit(t, "d") <= min(s.duration for s in scenarios.values())]
variables = [v for v in ("ctx_change", "p1np_change", "bmd_lumbar_spine_change", "bmd_total_hip_change",
                         "bmd_femoral_neck_change") if all(v in r for r in results.values())]
table = osteon.compare(scenarios, at=times, variables=variables).droplevel("run")
print(table.to_string(float_format=lambda x: f"{x:+.2f}"))

published = [  # (scenario, variable, time, value %, source)
    ("ai_alone", "bmd_lumbar_spine_change", "2 y", -4.1, "ATAC, anastrozole, median, LS 24 mo"),
    ("ai_alone", "bmd_total_hip_change", "2 y", -3.9, "ATAC, anastrozole, median, TH 24 mo"),
    ("ai_alone", "ctx_change", "1 y", +34.9, "ARIBON, anastrozole, serum CTX 12 mo"),
]
print("\nmodel vs published")
for name, var, t, value, source in published:
    if (name, t) in table.index and var in table.columns:
        print(f"  {source}: published {value:+.1f} %, model {table.loc[(name, t), var]:+.2f} %")

# %% [markdown]
# Natural menopause and an aromatase inhibitor remove estrogen to different degrees and at
# different speeds; the trials found AI bone loss at least twice the background loss of
# women of the same age (MA.17B placebo: about −0.35 % per year at the spine), fastest in
# the first one to two years. The untreated twin is that background. The yearly rates of
# the model:

# %%
if "bmd_lumbar_spine_change" in ai:
    print(f"lumbar spine BMD at 2 y: {at_year(ai, 'bmd_lumbar_spine_change', 2):+.2f} % on the aromatase inhibitor, "
          f"{at_year(twin, 'bmd_lumbar_spine_change', 2):+.2f} % without it (MA.17B placebo: −0.70 %)")
for name, r in results.items():
    if "bmd_lumbar_spine_change" not in r:
        continue
    years = np.arange(0.0, np.floor(r.times[-1] / 365.25) + 1.0)
    bmd = np.interp(years * 365.25, r.times, r["bmd_lumbar_spine_change"][0])
    rates = ", ".join(f"year {int(y) + 1}: {d:+.2f} %" for y, d in zip(years, np.diff(bmd)))
    print(f"{name}, lumbar spine BMD change per year: {rates}")

# %% [markdown]
# ## 4. What it means for a patient: T-scores
#
# Clinicians read BMD as a T-score: standard deviations from the young-adult mean. The WHO
# classes are normal (T ≥ −1), osteopenia (−2.5 < T < −1) and osteoporosis (T ≤ −2.5). The
# scenario's `patient:` block sets the T-scores at the start; the figure shades the classes.

# %%
fig = plot.compare(results)  # the two scenarios and the untreated twin
plot.save(fig, OUT / "lesson2_bmd_tscores.png")
for name, r in results.items():
    for site in ("lumbar_spine", "total_hip", "femoral_neck"):
        var = f"t_score_{site}"
        if var not in r:
            continue
        t_score = r[var][0]
        below = np.nonzero(t_score <= -2.5)[0]
        if not below.size:
            when = "stays above −2.5"
        elif below[0] == 0:
            when = "in the osteoporosis range from the start"
        else:
            when = f"reaches the osteoporosis range after {r.times[below[0]] / 365.25:.1f} y"
        print(f"{name}, {site}: T {t_score[0]:+.2f} -> {t_score[-1]:+.2f}, {when}")

# %% [markdown]
# ## Try it yourself
#
# - Start from a lower T-score: `scenarios["ai_alone"].with_changes(patient={"t_score": {"lumbar_spine": -2.0}})`.
# - Compare letrozole or exemestane with anastrozole (`drugs:` in the scenario file).
# - Lesson 3 asks what exercise and bone drugs can do against this loss.

# %%
print(f"\nFigures written to {OUT}/lesson2_*.png")
