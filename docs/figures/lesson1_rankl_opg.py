"""The figure of lesson 1 in docs/teaching.md: estradiol, RANKL, OPG and their ratio over time in
the lesson's cases (natural menopause; anastrozole alone, and the same woman without it), from
the integrated model. `make teaching-figures` (after `make build`) writes
docs/figures/lesson1_rankl_opg.png and prints the numbers the lesson quotes.

    PYTHONPATH=build/python /usr/bin/python3 docs/figures/lesson1_rankl_opg.py [OUT.png]
"""

import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import osteon  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "figures" / "lesson1_rankl_opg.png"
CLINICAL = REPO / "scenarios" / "clinical"

natural = osteon.Scenario.from_yaml(CLINICAL / "menopause_natural.yaml")
ai = osteon.Scenario.from_yaml(CLINICAL / "ai_alone.yaml")
NATURAL, AI, TWIN = ("natural menopause (age 48, final period at 51)", "anastrozole alone (age 62)",
                     "the same 62-year-old without anastrozole")
cases = {  # label: (scenario, line style)
    NATURAL: (natural, "-"),
    AI: (ai, "-"),
    TWIN: (ai.with_changes(name="ai_alone_without_drug", drugs=None), "--"),
}
runs = {}
for label, (scenario, _) in cases.items():
    runs[label] = osteon.run(scenario)
    if not runs[label].ok:
        raise SystemExit(f"{label}: {runs[label].messages}")

# Free RANKL and OPG as the model has them (pM); the ratio as the model's own output
# rankl_opg_ratio relative to where the woman was before: natural menopause to its start, the
# anastrozole run to the start of her twin without the drug (the first sample of ai_alone is
# already on the drug, which starts at time 0).
base = {NATURAL: NATURAL, AI: TWIN, TWIN: TWIN}
panels = [("estrogen", "estradiol (fraction of premenopausal)", False),
          ("RANKL", "free RANKL (pM)", False),
          ("OPG", "OPG (pM)", False),
          ("rankl_opg_ratio", "RANKL/OPG relative to before the estrogen loss", True)]
fig, axes = plt.subplots(2, 2, figsize=(10, 6.4), sharex=True, constrained_layout=True)
for ax, (var, title, relative) in zip(axes.flat, panels):
    for label, r in runs.items():
        y = r[var][0] / (runs[base[label]][var][0][0] if relative else 1.0)
        ax.plot(r.times / 365.25, y, cases[label][1], label=label)
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
for ax in axes[1]:
    ax.set_xlabel("years from the start of the scenario")
axes[0, 0].legend(fontsize=8)
fig.suptitle("Lesson 1: estrogen loss raises RANKL/OPG (osteon integrated model; research and teaching, not medical advice)",
             fontsize=9)
fig.savefig(OUT, dpi=110)
print(f"wrote {OUT}")


def at(r, var, years):
    return float(np.interp(years * 365.25, r.times, r[var][0]))


r = runs[NATURAL]
for y in (2, 5, 10):
    print(f"natural menopause, year {y}: RANKL x {at(r, 'RANKL', y) / r['RANKL'][0][0]:.3g}, "
          f"OPG x {at(r, 'OPG', y) / r['OPG'][0][0]:.3g}, RANKL/OPG x {at(r, 'rankl_opg_ratio', y) / r['rankl_opg_ratio'][0][0]:.3g}")
with_ai, without = runs[AI], runs[TWIN]
for var in ("estrogen", "RANKL", "OPG", "rankl_opg_ratio"):
    print(f"anastrozole at 1 y: {var} x {at(with_ai, var, 1) / at(without, var, 1):.3g} of the same woman without it")
