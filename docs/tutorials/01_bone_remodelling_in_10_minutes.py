# %% [markdown]
# # Lesson 1: bone remodelling in 10 minutes
#
# Bone is renewed all life long by small teams of cells, *basic multicellular units*:
# osteoclasts dissolve a packet of old bone in two to three weeks, then osteoblasts refill
# the cavity over about three months. In a healthy adult the two are balanced and bone
# mass stays put. This lesson runs three published models with osteon to see that
# balance, what breaks it, and the molecules that set it (RANKL and OPG).
#
# Run it (after `make build`, from the repository root):
#
#     PYTHONPATH=build/python /usr/bin/python3 docs/tutorials/01_bone_remodelling_in_10_minutes.py out/tutorials
#
# Figures go to the directory given as argument, else to $OSTEON_TUTORIAL_OUT, else to
# out/tutorials. The file is also a notebook: Jupyter (with jupytext) or VS Code open its
# `# %%` cells. Research and teaching tool, not medical advice.

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
OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OSTEON_TUTORIAL_OUT", "out/tutorials"))
OUT.mkdir(parents=True, exist_ok=True)

print("Models in this build:", ", ".join(osteon.models()))

# %% [markdown]
# ## 1. One remodelling cycle (Komarova et al. 2003)
#
# Komarova's model has two cell populations at one site, osteoclasts x1 (`OC`) and
# osteoblasts x2 (`OB`), that regulate themselves and each other through power laws:
#
#     dx1/dt = α1 x1^g11 x2^g21 − β1 x1        (g11: osteoclast autocrine, g21: RANKL/OPG)
#     dx2/dt = α2 x1^g12 x2^g22 − β2 x2        (g12: coupling from osteoclasts to osteoblasts)
#     dz/dt  = −k1 (x1 − x̄1)⁺ + k2 (x2 − x̄2)⁺  (bone mass z, in % of its start)
#
# Only cells in excess of the steady state (x̄1, x̄2) resorb or form bone. `osteon.describe`
# lists every parameter with its unit, the symbol printed in the paper and its source:

# %%
params = osteon.describe("komarova2003")
print(params[["value", "unit", "symbol"]].to_string())
print("e.g. g21:", params.loc["g21", "description"])

steady = osteon.steady("komarova2003")
print(f"\nSteady state ({steady.method}): OC = {steady['OC']:.4f} cells, OB = {steady['OB']:.2f} cells")

# %% [markdown]
# The paper's Fig. 2 starts with ten extra osteoclasts (x1 = 11 instead of 1.06). The scenario
# file scenarios/literature/komarova2003_fig2.yaml says so in a few lines; we load it,
# run it and look at the result.

# %%
fig2 = osteon.Scenario.from_yaml(REPO / "scenarios/literature/komarova2003_fig2.yaml")
result = osteon.run(fig2)
t, oc, ob, z = result.times, result["OC"][0], result["OB"][0], result["z"][0]
i_zmin, i_obmax = int(np.argmin(z)), int(np.argmax(ob))
print(f"Osteoclasts start at {oc[0]:g} cells and fall back towards {steady['OC']:.2f}.")
print(f"Osteoblasts follow: they peak at {ob[i_obmax]:.1f} cells on day {t[i_obmax]:g}.")
print(f"Bone mass dips to {z[i_zmin]:.2f} % on day {t[i_zmin]:g}, is back to "
      f"{z[t == 100.0][0]:.2f} % by day 100 and {z[-1]:.2f} % by day {t[-1]:g}.")

fig = plot.trajectories(result, ["OC", "OB", "z"])
plot.save(fig, OUT / "lesson1_komarova_cycle.png")

# %% [markdown]
# Resorption comes first and is fast (osteoclasts are few but each removes a lot: k1 is
# about 140 times k2); formation follows because osteoclasts recruit osteoblasts (g12 = 1), and
# it lasts longer. The cycle ends where it started: remodelling renews bone without
# changing its amount. That is the balance osteoporosis breaks.
#
# ## 2. Autocrine regulation and the Hopf point
#
# How strongly osteoclasts stimulate themselves (g11) decides whether a disturbance dies
# out. Linearising the cell equations at the steady state gives a 2×2 Jacobian with
#
#     trace J = β1 (g11 − 1) + β2 (g22 − 1),   det J = −β1 β2 γ,   γ = g12 g21 − (1 − g11)(1 − g22)
#
# Cycles decay while the trace is negative; the trace crosses zero (a Hopf bifurcation) at
# g11 = 1 + β2 (1 − g22)/β1 = 1.1 with the Fig. 2 parameters.

# %%
p = params["value"]
for g11 in (0.5, 0.9, 1.1):
    st = osteon.steady("komarova2003", g11=g11)  # closed form, for this g11
    x1, x2 = st["OC"], st["OB"]
    jacobian = np.array([[p["beta1"] * (g11 - 1), p["beta1"] * p["g21"] * x1 / x2],
                         [p["beta2"] * p["g12"] * x2 / x1, p["beta2"] * (p["g22"] - 1)]])
    eig = np.linalg.eigvals(jacobian)
    print(f"g11 = {g11}: steady OC = {x1:.4f}, trace J = {np.trace(jacobian):+.3f}/d, "
          f"eigenvalues {eig[0]:.3f} and {eig[1]:.3f} per day")
print(f"Hopf point: g11* = {1 + p['beta2'] * (1 - p['g22']) / p['beta1']:.3f}")

# %% [markdown]
# One scenario with a `runs:` table runs all three values at once (an *ensemble*; the
# table's columns become coordinates of the result). `with_changes` makes a new scenario
# from the old one; the file stays as it is.

# %%
ensemble = fig2.with_changes(name="komarova2003_g11", duration="1500 d", output={"every": "1 d"},
                             runs={"columns": ["g11"], "rows": [[0.5], [0.9], [1.1]]})
cycles = osteon.run(ensemble)
late = cycles.times > 1000.0
for run, g11 in enumerate(cycles.factors["g11"]["values"]):
    swing = np.ptp(cycles["OC"][run][late])
    print(f"g11 = {g11}: osteoclasts still swing by {swing:.3g} cells after day 1000")
fig = plot.trajectories(cycles, ["OC", "z"])
plot.save(fig, OUT / "lesson1_hopf.png")

# %% [markdown]
# Below the Hopf point the swings vanish; at it they persist as a steady oscillation. Each
# burst of osteoclasts removes bone that the osteoblasts after it do not fully replace, so
# bone mass falls cycle after cycle: a high-turnover state the paper relates to Paget's
# disease of bone.
#
# ## 3. The molecules that set the balance: RANKL and OPG (Lemaire 2004, Pivonka 2008)
#
# Komarova's exponents hide the biology. Lemaire et al. (2004), and Pivonka et al. (2008)
# after them, model it: cells of the osteoblast lineage carry **RANKL**, which binds
# **RANK** on osteoclast precursors and makes them differentiate; they also secrete
# **OPG**, a decoy receptor that binds RANKL and stops it. Parathyroid hormone (PTH) raises
# RANKL and lowers OPG. TGF-β released from the resorbed matrix couples resorption to
# formation. The model's parameters carry these roles:

# %%
pivonka = osteon.describe("pivonka2008")
print(pivonka.loc[["K_A1", "K_A2", "beta2_OPG", "R1_RANKL", "K_D4_PTH"], ["value", "unit", "description"]].to_string())
base = osteon.steady("pivonka2008")
print("\nPivonka 2008 steady state:", ", ".join(f"{k} = {v:.4g} {base.units[k]}" for k, v in base.state.items()))

# %% [markdown]
# Two of the paper's load cases: continuous PTH, and extra OPG, each given from day 20 to
# day 80. `osteon.compare` runs both and tabulates chosen outputs at chosen times (the
# integrator stops exactly there, nothing is interpolated).

# %%
cases = {
    "continuous PTH": osteon.Scenario.from_yaml(REPO / "scenarios/literature/pivonka2008_pth.yaml"),
    "extra OPG": osteon.Scenario.from_yaml(REPO / "scenarios/literature/pivonka2008_opg.yaml"),
}
table = osteon.compare(cases, at=["19 d", "50 d", "200 d"], variables=["RANKL", "OPG", "OCa", "OBa", "BV"])
print(table.droplevel("run").to_string(float_format=lambda x: f"{x:.4g}"))
for label in cases:
    before, during = table.loc[(label, 0, "19 d")], table.loc[(label, 0, "50 d")]
    ratio = (during["RANKL"] / during["OPG"]) / (before["RANKL"] / before["OPG"])
    print(f"{label}: RANKL x {during['RANKL'] / before['RANKL']:.3g}, OPG x {during['OPG'] / before['OPG']:.3g}, "
          f"RANKL/OPG x {ratio:.3g}, active osteoclasts x {during['OCa'] / before['OCa']:.3g}, "
          f"bone volume {table.loc[(label, 0, '200 d'), 'BV'] - 100:+.4f} % by day 200")

runs = {label: osteon.run(s) for label, s in cases.items()}
# Top row the molecules (RANKL, OPG and their ratio relative to day 0) on log scales (extra OPG
# moves them 30-fold, PTH 3-fold), bottom row the cells and the bone they act on.
fig, axes = plt.subplots(2, 3, figsize=(12, 6.4), constrained_layout=True)
for ax, var in zip(axes.flat, ["RANKL", "OPG", "RANKL/OPG", "OCa", "OBa", "BV"]):
    for label, r in runs.items():
        if var == "RANKL/OPG":
            ratio = r["RANKL"][0] / r["OPG"][0]
            ax.plot(r.times, ratio / ratio[0], label=label)
        else:  # bone volume as the change from its start, the others as they are
            ax.plot(r.times, r[var][0] - (100.0 if var == "BV" else 0.0), label=label)
    ax.axvspan(20, 80, color="0.9", zorder=0)  # while the input is given
    ax.set_xlabel("time (d)")
    if var in ("RANKL", "OPG", "RANKL/OPG"):
        ax.set_yscale("log")
    if var == "RANKL/OPG":
        ax.set_ylabel("ratio / ratio at day 0")
        ax.set_title("RANKL/OPG ratio", fontsize=9)
    else:
        ax.set_ylabel("BV change (% points)" if var == "BV" else f"{var} ({r.units[var]})")
        ax.set_title(r.long_names[var].split(" (")[0], fontsize=9)
axes[0, 0].legend()
plot.save(fig, OUT / "lesson1_rankl_opg.png")

# %% [markdown]
# Continuous PTH raises RANKL and lowers OPG, so the RANKL/OPG ratio rises about ten-fold:
# more osteoclasts, more resorption, and bone is lost even though osteoblasts rise too (they
# lag behind). Extra OPG binds RANKL: free RANKL falls, the ratio collapses, osteoclasts
# die back and bone is gained.
# When the input stops the cells return to their steady state, but the bone volume lost
# or gained stays: remodelling has no memory of the "right" amount of bone. Denosumab, an
# antibody against RANKL, works like the OPG case; estrogen normally keeps RANKL low and
# OPG high, which is why its loss at menopause, or under an aromatase inhibitor, thins
# bone (lesson 2).
#
# ## Try it yourself
#
# - Give Komarova's model a bigger kick (`initial: {OC: 30, ...}`) or a different g21.
# - Change the PTH dose in pivonka2008_pth (`events[0].set.P_PTH`) with `with_changes`.
# - Run `osteon.compare` on the Lemaire 2004 load cases in scenarios/literature/.

# %%
print(f"\nFigures written to {OUT}/lesson1_*.png")
