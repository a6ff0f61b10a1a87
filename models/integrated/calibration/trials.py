"""Clinical trial arms and calibration targets of the integrated model.

The targets are those of ../shared/references/clinical_calibration.md (C1-C14),
the only numbers the model may be fitted to. Each trial arm is written as an
osteon scenario (YAML text, generated here so that one definition serves the
calibration, the validation report and the tests' reference numbers); a target
is a model output of one arm, or the difference between two arms, at one time.

Used by scripts/calibrate-integrated and bench/validate. Needs numpy and h5py
(Debian's /usr/bin/python3).
"""

import json
import pathlib
import subprocess
import tempfile

import h5py
import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent

MONTH = 30.4375  # days, as the engine's "mo"

# ---- trial arms ---------------------------------------------------------------
# Each arm: patient, optional drugs, exercise and nutrition, duration (months).
# Ages and menopause ages are those of the trial populations (means or medians
# reported by the trials, rounded); see docs/validation.md for the sources.

ARMS = {
    # ATAC bone substudy (Eastell 2006) and ARIBON (Lester 2008): anastrozole
    # 1 mg/d in postmenopausal women with early breast cancer, median age ~64.
    "atac_anastrozole": dict(
        about="ATAC bone substudy (Eastell 2006) and ARIBON (Lester 2008): anastrozole 1 mg/d, no bone drug.",
        age=64, menopause_age=51, months=60,
        drugs=["{drug: anastrozole, start: 0 d, stop: 5 y}"]),
    # SWAN (Greendale 2012): natural menopause; FMP at 51 y; the window runs
    # from FMP - 1 y (t = 2 y) to FMP + 2 y (t = 5 y).
    "swan_menopause": dict(
        about="SWAN (Greendale 2012): natural menopause, FMP at 51 y; window FMP-1 y (t = 2 y) to FMP+2 y (t = 5 y).",
        age=48, menopause_age=51, months=120),
    # MA.17B placebo arm (Perez 2006): about 61 y, calcium and vitamin D.
    "ma17b_placebo": dict(
        about="MA.17B placebo arm (Perez 2006): about 61 y, calcium and vitamin D, no aromatase inhibitor.",
        age=61, menopause_age=51, months=24,
        nutrition="{calcium: 1200 mg/d, vitamin_d: 800 IU/d}"),
    # ZO-FAST (Bundred 2008): letrozole, zoledronic acid 4 mg every 6 months
    # immediately or delayed (delayed arm: letrozole alone over 12 months).
    "zofast_letrozole": dict(
        about="ZO-FAST (Bundred 2008) delayed arm over the first 12 months: letrozole alone.",
        age=58, menopause_age=51, months=12,
        drugs=["{drug: letrozole, start: 0 d, stop: 5 y}"]),
    "zofast_letrozole_za": dict(
        about="ZO-FAST (Bundred 2008) immediate arm: letrozole with zoledronic acid 4 mg every 6 months.",
        age=58, menopause_age=51, months=12,
        drugs=["{drug: letrozole, start: 0 d, stop: 5 y}",
               "{drug: zoledronic_acid, dose: 4 mg, every: 6 mo, start: 0 d}"]),
    # Greenspan 2015: women on an aromatase inhibitor with low bone mass,
    # risedronate 35 mg weekly or placebo for 24 months (modelled as anastrozole
    # started with the trial drug).
    "greenspan_ai_placebo": dict(
        about="Greenspan 2015 placebo arm: aromatase inhibitor (modelled as anastrozole from t = 0).",
        age=64, menopause_age=51, months=24,
        drugs=["{drug: anastrozole, start: 0 d, stop: 5 y}"]),
    "greenspan_ai_risedronate": dict(
        about="Greenspan 2015: aromatase inhibitor with risedronate 35 mg weekly.",
        age=64, menopause_age=51, months=24,
        drugs=["{drug: anastrozole, start: 0 d, stop: 5 y}",
               "{drug: risedronate, dose: 35 mg, every: 1 wk, start: 0 d}"]),
    # FREEDOM (Austin 2012) and its extension (Papapoulos 2012): women with
    # postmenopausal osteoporosis, mean age ~72, denosumab 60 mg every 6 months.
    "freedom_placebo": dict(
        about="FREEDOM (Austin 2012) placebo arm: postmenopausal osteoporosis, ~72 y, calcium and vitamin D.",
        age=72, menopause_age=50, months=36,
        nutrition="{calcium: 1000 mg/d, vitamin_d: 800 IU/d}"),
    "freedom_denosumab": dict(
        about="FREEDOM (Austin 2012) and extension (Papapoulos 2012): denosumab 60 mg every 6 months.",
        age=72, menopause_age=50, months=60,
        nutrition="{calcium: 1000 mg/d, vitamin_d: 800 IU/d}",
        drugs=["{drug: denosumab, dose: 60 mg, every: 6 mo, start: 0 d}"]),
    # Cochrane review of exercise (Howe 2011): postmenopausal women, ~60 y,
    # programs of about a year; control: no program.
    "exercise_control": dict(
        about="Cochrane exercise review (Howe 2011) control: postmenopausal women ~60 y without a program.",
        age=60, menopause_age=51, months=24),
    "exercise_combined": dict(
        about="Cochrane (Howe 2011): combined resistance and impact program, 3 sessions/wk.",
        age=60, menopause_age=51, months=24,
        exercise=["{type: resistance_impact, sessions_per_week: 3, minutes_per_session: 45, start: 0 d}"]),
    "exercise_resistance": dict(
        about="Cochrane (Howe 2011): progressive resistance training alone, 3 sessions/wk.",
        age=60, menopause_age=51, months=24,
        exercise=["{type: resistance, sessions_per_week: 3, minutes_per_session: 45, start: 0 d}"]),
    # Chubak 2006: sedentary overweight postmenopausal women (~61 y), aerobic
    # exercise 172 min/wk for 12 months versus stretching.
    "chubak_aerobic": dict(
        about="Chubak 2006: aerobic exercise 172 min/wk for 12 months, sedentary overweight women ~61 y.",
        age=61, menopause_age=51, months=12,
        exercise=["{type: aerobic, minutes_per_week: 172, start: 0 d}"]),
    # FRAME (Cosman 2016): postmenopausal osteoporosis, mean age 70.9 y, romosozumab 210 mg SC monthly
    # or placebo for 12 months, both with calcium (500-1000 mg/d) and vitamin D (600-800 IU/d).
    "frame_placebo": dict(
        about="FRAME (Cosman 2016) placebo arm: postmenopausal osteoporosis, ~71 y, calcium and vitamin D.",
        age=71, menopause_age=50, months=12,
        nutrition="{calcium: 1000 mg/d, vitamin_d: 800 IU/d}"),
    "frame_romosozumab": dict(
        about="FRAME (Cosman 2016): romosozumab 210 mg SC monthly for 12 months.",
        age=71, menopause_age=50, months=12,
        nutrition="{calcium: 1000 mg/d, vitamin_d: 800 IU/d}",
        drugs=["{drug: romosozumab, dose: 210 mg, every: 1 mo, count: 12, start: 0 d}"]),
    # Neer 2001 (Fracture Prevention Trial): postmenopausal women with vertebral fractures, mean age ~69 y,
    # teriparatide 20 ug/d SC or placebo, median 21 months, calcium 1000 mg/d and vitamin D 400-1200 IU/d.
    "neer_placebo": dict(
        about="Neer 2001 placebo arm: postmenopausal osteoporosis, ~69 y, calcium and vitamin D, 21 months.",
        age=69, menopause_age=50, months=21,
        nutrition="{calcium: 1000 mg/d, vitamin_d: 800 IU/d}"),
    "neer_teriparatide": dict(
        about="Neer 2001: teriparatide 20 ug/d SC, median 21 months.",
        age=69, menopause_age=50, months=21,
        nutrition="{calcium: 1000 mg/d, vitamin_d: 800 IU/d}",
        drugs=["{drug: teriparatide, dose: 0.02 mg, start: 0 d}"]),
}

OUTPUT_MONTHS = [0, 1, 3, 6, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120]


def scenario_yaml(name, arm):
    """The arm as scenario text. The header names the trial the arm mirrors."""
    months = arm["months"]
    times = ", ".join(f"{m} mo" for m in sorted({m for m in OUTPUT_MONTHS if m <= months} | {months}))
    lines = [
        "osteon: 1",
        f"name: {name}",
        f"description: >-\n  {arm['about']}",
        "model: integrated",
        f"duration: {months} mo",
        f"output: {{times: [{times}]}}",
        f"patient: {{age: {arm['age']} y, menopause_age: {arm['menopause_age']} y}}",
    ]
    if "nutrition" in arm:
        lines.append(f"nutrition: {arm['nutrition']}")
    for key in ("drugs", "exercise"):
        if key in arm:
            lines.append(f"{key}:")
            lines += [f"  - {entry}" for entry in arm[key]]
    return "\n".join(lines) + "\n"


# ---- targets ------------------------------------------------------------------
# value: the published number; band: the acceptance band of clinical_calibration.md;
# kind: "arm" (one arm's change), "diff" (arm minus control, pp) or "window"
# (change between two times of one arm, relative to the first).

TARGETS = [
    dict(id="C1", arm="atac_anastrozole", var="bmd_lumbar_spine_change", month=24, value=-4.1, band=(-5.5, -3.0),
         what="ATAC anastrozole, LS at 24 mo (median)"),
    dict(id="C2", arm="atac_anastrozole", var="bmd_total_hip_change", month=24, value=-3.9, band=(-5.0, -2.5),
         what="ATAC anastrozole, TH at 24 mo (median)"),
    dict(id="C3", arm="swan_menopause", var="bmd_lumbar_spine_change", kind="window", window=(24, 60), value=-7.4,
         band=(-9.0, -5.5), what="SWAN, LS from FMP-1 y to FMP+2 y"),
    dict(id="C4", arm="swan_menopause", var="bmd_femoral_neck_change", kind="window", window=(24, 60), value=-5.8,
         band=(-7.5, -4.0), what="SWAN, FN from FMP-1 y to FMP+2 y"),
    dict(id="C5a", arm="ma17b_placebo", var="bmd_lumbar_spine_change", month=24, value=-0.70, band=(-1.5, -0.2),
         what="MA.17B placebo, LS at 24 mo"),
    dict(id="C5b", arm="ma17b_placebo", var="bmd_total_hip_change", month=24, value=-0.71, band=(-1.5, -0.2),
         what="MA.17B placebo, TH at 24 mo"),
    dict(id="C6a", arm="zofast_letrozole_za", control="zofast_letrozole", kind="diff",
         var="bmd_lumbar_spine_change", month=12, value=5.7, band=(4.5, 7.0),
         what="ZO-FAST, immediate - delayed ZA, LS at 12 mo"),
    dict(id="C6b", arm="zofast_letrozole_za", control="zofast_letrozole", kind="diff", var="bmd_total_hip_change",
         month=12, value=3.6, band=(2.5, 4.5), what="ZO-FAST, immediate - delayed ZA, TH at 12 mo"),
    dict(id="C7a", arm="greenspan_ai_risedronate", control="greenspan_ai_placebo", kind="diff",
         var="bmd_lumbar_spine_change", month=24, value=3.9, band=(2.5, 5.5),
         what="Greenspan 2015, risedronate - placebo on AI, LS at 24 mo"),
    dict(id="C7b", arm="greenspan_ai_risedronate", control="greenspan_ai_placebo", kind="diff",
         var="bmd_total_hip_change", month=24, value=3.2, band=(2.0, 4.5),
         what="Greenspan 2015, risedronate - placebo on AI, hip at 24 mo"),
    dict(id="C8a", arm="freedom_denosumab", var="bmd_total_hip_change", month=12, value=3.2, band=(1.7, 4.7),
         what="FREEDOM denosumab, TH at 12 mo"),
    dict(id="C8b", arm="freedom_denosumab", var="bmd_total_hip_change", month=24, value=4.4, band=(2.9, 5.9),
         what="FREEDOM denosumab, TH at 24 mo"),
    dict(id="C8c", arm="freedom_denosumab", var="bmd_total_hip_change", month=36, value=5.0, band=(3.5, 6.5),
         what="FREEDOM denosumab, TH at 36 mo"),
    dict(id="C9a", arm="freedom_denosumab", var="bmd_lumbar_spine_change", month=60, value=13.7, band=(10.0, 16.0),
         what="FREEDOM extension, denosumab 5 y, LS"),
    dict(id="C9b", arm="freedom_denosumab", var="bmd_total_hip_change", month=60, value=7.0, band=(5.0, 9.0),
         what="FREEDOM extension, denosumab 5 y, TH"),
    dict(id="C10", arm="exercise_combined", control="exercise_control", kind="diff", var="bmd_lumbar_spine_change",
         month=12, value=3.22, band=(1.5, 4.5), what="Cochrane, combined exercise - control, LS at 12 mo"),
    dict(id="C11", arm="exercise_resistance", control="exercise_control", kind="diff",
         var="bmd_femoral_neck_change", month=12, value=1.03, band=(0.3, 2.0),
         what="Cochrane, resistance training - control, FN at 12 mo"),
    dict(id="C12", arm="chubak_aerobic", control="exercise_control", kind="diff", var="bmd_total_hip_change",
         month=12, value=0.0, band=(-1.0, 1.0),
         what="Chubak 2006, aerobic 172 min/wk - control at 12 mo (total body, modelled by total hip)"),
    dict(id="C13", arm="atac_anastrozole", var="ctx_change", month=12, value=34.9, band=(20.0, 50.0),
         what="ARIBON, anastrozole alone, serum CTX at 12 mo"),
    dict(id="C14a", arm="zofast_letrozole_za", var="ctx_change", month=12, value=-21.3, band=(-33.3, -9.3),
         what="Z/ZO-FAST upfront ZA, urine NTX at 12 mo (resorption proxy)"),
    dict(id="C14b", arm="zofast_letrozole", var="ctx_change", month=12, value=21.7, band=(9.7, 33.7),
         what="Z/ZO-FAST delayed ZA (letrozole alone), urine NTX at 12 mo (resorption proxy)"),
    # Anabolic drugs (issue 17): bands are the published effect ±30 %.
    dict(id="A1a", arm="frame_romosozumab", control="frame_placebo", kind="diff", var="bmd_lumbar_spine_change",
         month=12, value=13.3, band=(9.31, 17.29), what="FRAME, romosozumab - placebo, LS at 12 mo"),
    dict(id="A1b", arm="frame_romosozumab", control="frame_placebo", kind="diff", var="bmd_total_hip_change",
         month=12, value=6.9, band=(4.83, 8.97), what="FRAME, romosozumab - placebo, TH at 12 mo"),
    dict(id="A1c", arm="frame_romosozumab", control="frame_placebo", kind="diff", var="bmd_femoral_neck_change",
         month=12, value=5.9, band=(4.13, 7.67), what="FRAME, romosozumab - placebo, FN at 12 mo"),
    dict(id="A2a", arm="neer_teriparatide", control="neer_placebo", kind="diff", var="bmd_lumbar_spine_change",
         month=21, value=9.0, band=(6.3, 11.7), what="Neer 2001, teriparatide 20 ug - placebo, LS at 21 mo"),
    dict(id="A2b", arm="neer_teriparatide", control="neer_placebo", kind="diff", var="bmd_femoral_neck_change",
         month=21, value=3.0, band=(2.1, 3.9), what="Neer 2001, teriparatide 20 ug - placebo, FN at 21 mo"),
]


ARMS_DIR = HERE / "arms"


def write_arms():
    """Writes every arm as a scenario file models/integrated/calibration/arms/<arm>.yaml
    (checked in: the C++ tests run the same files)."""
    ARMS_DIR.mkdir(exist_ok=True)
    for name, arm in ARMS.items():
        (ARMS_DIR / f"{name}.yaml").write_text(scenario_yaml(name, arm))


def osteon_binary(build=None):
    if build:
        return str(pathlib.Path(build) / "bin" / "osteon")
    for b in ("build", "build-integrated"):
        p = REPO / b / "bin" / "osteon"
        if p.exists():
            return str(p)
    raise SystemExit("no osteon binary found; pass --build DIR")


def run_arms(binary, names, overrides=None, workdir=None):
    """Runs the named arms with parameter overrides {name: value}; returns
    {arm: {"time_months": array, var: array}}."""
    overrides = overrides or {}
    results = {}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        for name in names:
            y = ARMS_DIR / f"{name}.yaml"
            if not y.exists() or y.read_text() != scenario_yaml(name, ARMS[name]):
                raise SystemExit(f"{y} is missing or stale: run `/usr/bin/python3 {__file__} --write`")
            h = pathlib.Path(tmp) / f"{name}.h5"
            cmd = [binary, "run", str(y), "-o", str(h), "--force", "--quiet", "--threads", "1"]
            for k, v in overrides.items():
                cmd += ["--set", f"{k}={float(v):.17g}"]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"{name}: {done.stderr.strip()}")
            with h5py.File(h, "r") as f:
                if int(f["status"][0]) != 0:
                    raise RuntimeError(f"{name}: run failed: {f['status_message'][0]}")
                out = {"time_months": f["time"][:] / MONTH}
                for v in f.keys():
                    if v not in ("time", "run", "status", "status_message"):
                        out[v] = f[v][0, :]
                results[name] = out
    return results


def at(result, var, month):
    i = int(np.argmin(np.abs(result["time_months"] - month)))
    if abs(result["time_months"][i] - month) > 1e-6:
        raise KeyError(f"no output at {month} months")
    return float(result[var][i])


def evaluate(target, results):
    arm = results[target["arm"]]
    kind = target.get("kind", "arm")
    if kind == "arm":
        return at(arm, target["var"], target["month"])
    if kind == "diff":
        return at(arm, target["var"], target["month"]) - at(results[target["control"]], target["var"], target["month"])
    if kind == "window":
        a, b = target["window"]
        va, vb = at(arm, target["var"], a), at(arm, target["var"], b)
        return 100.0 * ((1.0 + vb / 100.0) / (1.0 + va / 100.0) - 1.0)
    raise ValueError(kind)


def arms_of(targets):
    names = []
    for t in targets:
        for k in ("arm", "control"):
            if k in t and t[k] not in names:
                names.append(t[k])
    return names


def load_fit():
    return json.loads((HERE / "fit.json").read_text())


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["--write"]:
        write_arms()
        print(f"wrote {len(ARMS)} arms to {ARMS_DIR}")
    else:
        print(__doc__)
