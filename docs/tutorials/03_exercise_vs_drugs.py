# %% [markdown]
# # Lesson 3: exercise vs drugs
#
# A woman starting an aromatase inhibitor can protect her bones in two ways: load them
# (exercise) or slow their resorption (a bisphosphonate such as zoledronic acid, or
# denosumab). They act on different cells, they differ in size and speed of effect, and
# each has limits. This lesson compares the regimens in scenarios/clinical/ with the
# `integrated` model and looks at how each one works.
#
#     PYTHONPATH=build/python /usr/bin/python3 docs/tutorials/03_exercise_vs_drugs.py out/tutorials
#
# Figures go to the directory given as argument, else to $OSTEON_TUTORIAL_OUT, else to
# out/tutorials. Lessons 1 and 2 introduce RANKL/OPG and the effect of aromatase
# inhibitors. Research and teaching tool, not medical advice.

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
REGIMENS = ["ai_alone", "ai_walking_150min", "ai_resistance_impact", "ai_zoledronic_acid", "ai_denosumab",
            "ai_denosumab_resistance_impact"]
missing = ([] if "integrated" in osteon.models() else ["the integrated model (not in this build)"]) + \
    [f"scenarios/clinical/{n}.yaml" for n in REGIMENS if not (CLINICAL / f"{n}.yaml").is_file()]
if missing:
    raise SystemExit("lesson 3 needs " + ", ".join(missing))

# %% [markdown]
# ## 1. Two ways to act on bone
#
# - **Exercise** acts through osteocytes, the cells buried in bone that sense its strain.
#   Loading lowers their sclerostin, which releases the Wnt signal that drives osteoblasts:
#   formation rises (an *anabolic* effect). High loads and impacts strain bone much more
#   than walking does.
# - **Zoledronic acid** binds to bone mineral; osteoclasts take it up while resorbing and
#   die. It stays in bone for years, so its effect outlasts the dose.
# - **Denosumab** is an antibody against RANKL: it works like a strong dose of OPG. Its
#   effect lasts only as long as enough antibody circulates.
#
# The regimens:

# %%
scenarios = {name: osteon.Scenario.from_yaml(CLINICAL / f"{name}.yaml") for name in REGIMENS}
for name, s in scenarios.items():
    print(f"{name}: {s.description or '(no description)'}")
results = {name: osteon.run(s) for name, s in scenarios.items()}
failed = {name: r.messages for name, r in results.items() if not r.ok}
if failed:
    raise SystemExit(f"runs failed: {failed}")

# %% [markdown]
# ## 2. Size and speed of the effect
#
# BMD change at the three sites, and the turnover markers CTX (resorption) and P1NP
# (formation), at a few times. The figure shows the whole trajectories with the T-scores
# and their WHO classes.

# %%
horizon = min(s.duration for s in scenarios.values())
times = [t for t in ("1 mo", "6 mo", "1 y", "2 y", "5 y") if osteon.to_unit(t, "d") <= horizon]
variables = [v for v in ("bmd_lumbar_spine_change", "bmd_total_hip_change", "bmd_femoral_neck_change",
                         "ctx_change", "p1np_change") if all(v in r for r in results.values())]
table = osteon.compare(scenarios, at=times, variables=variables).droplevel("run")
print(table.to_string(float_format=lambda x: f"{x:+.2f}"))

fig = plot.compare(results)
plot.save(fig, OUT / "lesson3_regimens.png")

last = times[-1]
if "bmd_lumbar_spine_change" in table.columns:
    ranking = table.xs(last, level="at")["bmd_lumbar_spine_change"].sort_values(ascending=False)
    print(f"\nLumbar spine BMD change at {last}, best first:")
    for name, value in ranking.items():
        print(f"  {name:34s} {value:+.2f} %")

# %% [markdown]
# Published effects to hold these against (differences from a control group, in
# percentage points): combined resistance and impact programs +3.2 pp at the spine over
# 6–24 months (Cochrane review, Howe et al. 2011); aerobic exercise alone no detectable
# change (Chubak et al. 2006); zoledronic acid started with letrozole +5.7 pp at the spine
# after 12 months (ZO-FAST, Bundred et al. 2008); denosumab +3.2 % at the total hip after
# 12 months in osteoporotic women (FREEDOM). Some of these were calibration targets of the
# integrated model (docs/models/integrated.md); the others test it.

# %%
baseline = "ai_alone"
if "bmd_lumbar_spine_change" in table.columns:
    for name in REGIMENS[1:]:
        for t in [x for x in ("1 y", "2 y") if x in times]:
            diff = table.loc[(name, t), "bmd_lumbar_spine_change"] - table.loc[(baseline, t), "bmd_lumbar_spine_change"]
            print(f"{name} vs {baseline} at {t}: {diff:+.2f} pp at the lumbar spine")

# %% [markdown]
# ## 3. How each one works
#
# The mechanisms show in the model's internal variables: sclerostin falls with loading,
# denosumab in serum rises after each injection and RANKL/OPG falls with it, and the cell
# populations answer.

# %%
mechanism = [v for v in ("sclerostin", "denosumab_serum", "rankl_opg_ratio", "OCa", "OBa")
             if any(v in r for r in results.values())]
fig, axes = plt.subplots(len(mechanism), 1, sharex=True, figsize=(8, 1.5 + 2.0 * len(mechanism)),
                         constrained_layout=True)
for ax, var in zip(np.atleast_1d(axes), mechanism):
    for name, r in results.items():
        if var in r:
            ax.plot(r.times / 365.25, r[var][0], label=name)
    unit = next(r.units[var] for r in results.values() if var in r)
    ax.set_ylabel(f"{var} ({unit})" if unit not in ("", "1") else var)
    ax.grid(alpha=0.3)
np.atleast_1d(axes)[0].legend(fontsize=7)
np.atleast_1d(axes)[-1].set_xlabel("time (y)")
plot.save(fig, OUT / "lesson3_mechanisms.png")

# What each add-on changes, against the aromatase inhibitor alone (mean over the first year):
first_year = results["ai_alone"].times <= 365.25
for name, r in results.items():
    if name == "ai_alone":
        continue
    parts = []
    for var in ("sclerostin", "rankl_opg_ratio", "OCa", "OBa"):
        if var in r and var in results["ai_alone"]:
            ratio = np.mean(r[var][0][first_year]) / np.mean(results["ai_alone"][var][0][first_year])
            parts.append(f"{var} {100 * (ratio - 1):+.0f} %")
    print(f"{name} vs ai_alone, first year: " + ", ".join(parts))

# %% [markdown]
# ## 4. Limits
#
# **Adherence.** An exercise program only works on the days it is done. The scenario path
# `exercise[i].adherence` (the fraction of planned sessions done) can be an ensemble
# column, so one run covers several adherence levels.

# %%
program = scenarios["ai_resistance_impact"]
exercise = program.to_dict().get("exercise", [])
if exercise and "bmd_lumbar_spine_change" in variables:
    column = "exercise[0].adherence"
    levels = [[0.25], [0.5], [0.75], [1.0]]
    adherence = osteon.run(program.with_changes(name="adherence", runs={"columns": [column], "rows": levels}))
    at = min(365.25, adherence.times[-1])
    i = int(np.argmin(np.abs(adherence.times - at)))
    for run, level in enumerate(adherence.factors[column]["values"]):
        print(f"adherence {level:.0%}: lumbar spine BMD {adherence['bmd_lumbar_spine_change'][run][i]:+.2f} % "
              f"after {at / 365.25:.1f} y")

# %% [markdown]
# **Stopping denosumab.** Denosumab's effect lasts only while the antibody circulates. In
# trials, BMD gained on denosumab was largely lost within one to two years of stopping
# (Bone et al., J Clin Endocrinol Metab 2011), unlike after a bisphosphonate, which stays
# in bone. Here the denosumab regimen is cut to four doses (two years) and the model is
# asked what follows:

# %%
dmab = scenarios["ai_denosumab"]
data = dmab.to_dict()
drugs = data.get("drugs", [])
index = next((i for i, d in enumerate(drugs) if d.get("drug") == "denosumab"), None)
if index is not None and "bmd_lumbar_spine_change" in variables and dmab.duration > 2.5 * 365.25:
    drugs[index] = {k: v for k, v in drugs[index].items() if k != "stop"} | {"count": 4}
    stopped = osteon.run(dmab.with_changes(name="ai_denosumab_stopped", drugs=drugs))
    for label, r in (("continued", results["ai_denosumab"]), ("stopped after 4 doses", stopped)):
        bmd = r["bmd_lumbar_spine_change"][0]
        two = int(np.argmin(np.abs(r.times - 2 * 365.25)))
        print(f"denosumab {label}: lumbar spine BMD {bmd[two]:+.2f} % at 2 y, {bmd[-1]:+.2f} % at "
              f"{r.times[-1] / 365.25:.1f} y")
    fig = plot.trajectories(stopped, [v for v in ("denosumab_serum", "ctx_change", "bmd_lumbar_spine_change")
                                      if v in stopped])
    plot.save(fig, OUT / "lesson3_denosumab_stop.png")

# %% [markdown]
# **What a model cannot tell.** Fracture risk depends on more than BMD (falls, bone
# quality, previous fractures); the model follows mechanisms averaged over a population,
# not one person; and drugs have side effects (and exercise has costs and risks) that it
# does not represent. Use it to understand mechanisms and to ask better questions.
#
# ## Try it yourself
#
# - Walking more: `scenarios["ai_walking_150min"].with_changes(exercise=[{"type": "walking",
#   "minutes_per_week": 300}])`.
# - A drug holiday: zoledronic acid for 3 years, then stop (`drugs[0].stop`).
# - Sweep doses and adherence together with a `runs:` table.

# %%
print(f"\nFigures written to {OUT}/lesson3_*.png")
