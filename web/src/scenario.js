// The page's scenario: a plain object of control values <-> osteon scenario YAML (format v1),
// the URL hash, and the preset cases. Loaded by the page, the worker-free tests in Node
// (web/tests/) and nothing else; no dependencies.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.OsteonScenario = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // Aromatase inhibitors: daily oral, given by start and stop (the model knows the standard dose).
  const AIS = [
    { id: 'none', label: 'none' },
    { id: 'anastrozole', label: 'anastrozole 1 mg daily' },
    { id: 'letrozole', label: 'letrozole 2.5 mg daily' },
    { id: 'exemestane', label: 'exemestane 25 mg daily' },
  ];

  // Bone drug regimens the integrated model knows (docs/models/integrated.md).
  const DRUGS = [
    { id: 'none', label: 'none' },
    { id: 'den60q6', drug: 'denosumab', dose: '60 mg', every: '6 mo', label: 'denosumab 60 mg every 6 months' },
    { id: 'zol4q6', drug: 'zoledronic_acid', dose: '4 mg', every: '6 mo', label: 'zoledronic acid 4 mg every 6 months (adjuvant)' },
    { id: 'zol5q12', drug: 'zoledronic_acid', dose: '5 mg', every: '12 mo', label: 'zoledronic acid 5 mg yearly' },
    { id: 'aln70w', drug: 'alendronate', dose: '70 mg', every: '1 wk', label: 'alendronate 70 mg weekly' },
    { id: 'ris35w', drug: 'risedronate', dose: '35 mg', every: '1 wk', label: 'risedronate 35 mg weekly' },
    { id: 'ibn150m', drug: 'ibandronate', dose: '150 mg', every: '1 mo', label: 'ibandronate 150 mg monthly' },
  ];

  // Exercise types; walking and aerobic are dosed in minutes per week, the others in sessions.
  const EXERCISE = [
    { id: 'none', label: 'none' },
    { id: 'walking', label: 'walking', minutes: true },
    { id: 'aerobic', label: 'aerobic', minutes: true },
    { id: 'resistance', label: 'resistance training' },
    { id: 'impact', label: 'impact (jumping)' },
    { id: 'resistance_impact', label: 'resistance + impact' },
    { id: 'high_intensity_resistance', label: 'high-intensity resistance and impact' },
  ];

  // Every control: key, default, and [min, max, step] for the numeric ones.
  const FIELDS = {
    age: { def: 62, range: [40, 85, 1] },
    menopause: { def: 51, range: [40, 58, 1] },
    tls: { def: -1.0, range: [-4, 1, 0.1] },
    tth: { def: -0.8, range: [-4, 1, 0.1] },
    tfn: { def: -1.2, range: [-4, 1, 0.1] },
    years: { def: 5, range: [1, 10, 1] },
    ai: { def: 'none', options: AIS.map((a) => a.id) },
    ai_start: { def: 0, range: [0, 10, 0.5] },
    ai_stop: { def: 5, range: [0, 10, 0.5] },
    drug: { def: 'none', options: DRUGS.map((d) => d.id) },
    drug_start: { def: 0, range: [0, 10, 0.5] },
    drug_stop: { def: 5, range: [0, 10, 0.5] },
    ex: { def: 'none', options: EXERCISE.map((e) => e.id) },
    ex_sessions: { def: 3, range: [1, 7, 1] },
    ex_minutes: { def: 45, range: [10, 90, 5] },
    ex_adherence: { def: 0.8, range: [0.1, 1, 0.05] },
    ex_start: { def: 0, range: [0, 10, 0.5] },
    ex_stop: { def: 10, range: [0, 10, 0.5] },
  };

  function defaults() {
    const s = {};
    for (const [k, f] of Object.entries(FIELDS)) s[k] = f.def;
    return s;
  }

  const AI_CASE = { age: 62, menopause: 51, tls: -1.0, tth: -0.8, tfn: -1.2, years: 5, ai: 'anastrozole', ai_start: 0, ai_stop: 5 };

  // The demo's six regimens (scenarios/clinical/ai_*.yaml), natural menopause and denosumab
  // stopped; web/tests/api.test.js checks each against its shipped file, number for number.
  const PRESETS = [
    { id: 'ai_alone', label: 'Anastrozole alone', file: 'ai_alone', state: { ...AI_CASE } },
    { id: 'ai_walking_150min', label: 'Anastrozole + walking 150 min/week', file: 'ai_walking_150min',
      state: { ...AI_CASE, ex: 'walking', ex_sessions: 5, ex_minutes: 30, ex_adherence: 0.8, ex_start: 0, ex_stop: 5 } },
    { id: 'ai_resistance_impact', label: 'Anastrozole + resistance/impact training', file: 'ai_resistance_impact',
      state: { ...AI_CASE, ex: 'resistance_impact', ex_sessions: 3, ex_minutes: 45, ex_adherence: 0.8, ex_start: 0, ex_stop: 5 } },
    { id: 'ai_zoledronic_acid', label: 'Anastrozole + zoledronic acid', file: 'ai_zoledronic_acid',
      state: { ...AI_CASE, drug: 'zol4q6', drug_start: 0, drug_stop: 5 } },
    { id: 'ai_denosumab', label: 'Anastrozole + denosumab', file: 'ai_denosumab',
      state: { ...AI_CASE, drug: 'den60q6', drug_start: 0, drug_stop: 5 } },
    { id: 'ai_denosumab_resistance_impact', label: 'Anastrozole + denosumab + training', file: 'ai_denosumab_resistance_impact',
      state: { ...AI_CASE, drug: 'den60q6', drug_start: 0, drug_stop: 5,
               ex: 'resistance_impact', ex_sessions: 3, ex_minutes: 45, ex_adherence: 0.8, ex_start: 0, ex_stop: 5 } },
    { id: 'menopause_natural', label: 'Natural menopause (age 48, 10 years)', file: 'menopause_natural',
      state: { age: 48, menopause: 51, tls: 0, tth: 0, tfn: 0, years: 10 } },
    { id: 'ai_denosumab_stop_2y', label: 'Denosumab stopped after 2 years', file: 'ai_denosumab_stop_2y',
      state: { ...AI_CASE, drug: 'den60q6', drug_start: 0, drug_stop: 2 } },
  ];

  function preset(id) {
    const p = PRESETS.find((x) => x.id === id);
    if (!p) return null;
    return { ...defaults(), ...p.state };
  }

  // Numbers as the YAML carries them: no exponent, no trailing noise of binary fractions.
  function num(x) {
    return String(Math.round(x * 1e6) / 1e6);
  }

  // Refuses values outside the controls' ranges; returns a list of messages (empty when valid).
  function check(s) {
    const errors = [];
    for (const [k, f] of Object.entries(FIELDS)) {
      const v = s[k];
      if (f.options) {
        if (!f.options.includes(v)) errors.push(`${k}: '${v}' is not one of ${f.options.join(', ')}`);
      } else if (typeof v !== 'number' || !Number.isFinite(v) || v < f.range[0] - 1e-9 || v > f.range[1] + 1e-9) {
        errors.push(`${k}: ${v} is outside ${f.range[0]} to ${f.range[1]}`);
      }
    }
    if (errors.length) return errors;
    if (s.ai !== 'none' && !(s.ai_stop > s.ai_start)) errors.push('aromatase inhibitor: stop must come after start');
    if (s.drug !== 'none' && !(s.drug_stop > s.drug_start)) errors.push('bone drug: stop must come after start');
    if (s.ex !== 'none' && !(s.ex_stop > s.ex_start)) errors.push('exercise: stop must come after start');
    return errors;
  }

  function nameOf(s) {
    for (const p of PRESETS) {
      if (equal(s, preset(p.id))) return p.id;
    }
    return 'teaching_lab';
  }

  function equal(a, b) {
    return Object.keys(FIELDS).every((k) => a[k] === b[k]);
  }

  // The scenario as osteon YAML (docs/scenario-format.md); `osteon run` reads it as is.
  function toYaml(s) {
    const errors = check(s);
    if (errors.length) throw new Error(errors.join('; '));
    const lines = [
      'osteon: 1',
      `name: ${nameOf(s)}`,
      'description: >-',
      '  Made with the osteon teaching page (research and teaching tool, not medical advice).',
      'model: integrated',
      `duration: ${num(s.years)} y`,
      'output:',
      '  every: 1 mo',
      'patient:',
      `  age: ${num(s.age)} y`,
      `  menopause_age: ${num(s.menopause)} y`,
      `  t_score: {lumbar_spine: ${num(s.tls)}, total_hip: ${num(s.tth)}, femoral_neck: ${num(s.tfn)}}`,
    ];
    const drugs = [];
    if (s.ai !== 'none') drugs.push(`  - {drug: ${s.ai}, start: ${num(s.ai_start)} y, stop: ${num(s.ai_stop)} y}`);
    if (s.drug !== 'none') {
      const d = DRUGS.find((x) => x.id === s.drug);
      drugs.push(`  - {drug: ${d.drug}, dose: ${d.dose}, every: ${d.every}, start: ${num(s.drug_start)} y, stop: ${num(s.drug_stop)} y}`);
    }
    if (drugs.length) lines.push('drugs:', ...drugs);
    if (s.ex !== 'none') {
      const e = EXERCISE.find((x) => x.id === s.ex);
      const amount = e.minutes
        ? `minutes_per_week: ${num(s.ex_sessions * s.ex_minutes)}`
        : `sessions_per_week: ${num(s.ex_sessions)}, minutes_per_session: ${num(s.ex_minutes)}`;
      lines.push('exercise:',
        `  - {type: ${s.ex}, ${amount}, start: ${num(s.ex_start)} y, stop: ${num(s.ex_stop)} y, adherence: ${num(s.ex_adherence)}}`);
    }
    return lines.join('\n') + '\n';
  }

  // URL hash <-> state: only the values that differ from the defaults.
  function toHash(s) {
    const q = new URLSearchParams();
    for (const [k, f] of Object.entries(FIELDS)) {
      if (s[k] !== f.def) q.set(k, String(s[k]));
    }
    return q.toString();
  }

  // Unknown keys and malformed values are reported, never silently used.
  function fromHash(hash) {
    const s = defaults();
    const errors = [];
    const q = new URLSearchParams(hash.replace(/^#/, ''));
    for (const [k, v] of q) {
      const f = FIELDS[k];
      if (!f) { errors.push(`unknown setting '${k}'`); continue; }
      if (f.options) s[k] = v;
      else {
        const x = Number(v);
        if (v.trim() === '' || !Number.isFinite(x)) errors.push(`${k}: '${v}' is not a number`);
        else s[k] = x;
      }
    }
    errors.push(...check(s));
    return { state: s, errors };
  }

  // What the user changed between two states, in words (for the mechanism panel).
  function describeChange(a, b) {
    const words = [];
    const label = (list, id) => (list.find((x) => x.id === id) || { label: id }).label;
    if (a.ai !== b.ai) words.push(b.ai === 'none' ? 'aromatase inhibitor removed' : `aromatase inhibitor: ${label(AIS, b.ai)}`);
    if (a.drug !== b.drug) words.push(b.drug === 'none' ? 'bone drug removed' : `bone drug: ${label(DRUGS, b.drug)}`);
    if (a.ex !== b.ex) words.push(b.ex === 'none' ? 'exercise removed' : `exercise: ${label(EXERCISE, b.ex)}`);
    const names = { age: 'age', menopause: 'age at menopause', tls: 'lumbar spine T-score', tth: 'total hip T-score',
      tfn: 'femoral neck T-score', years: 'duration', ai_start: 'AI start', ai_stop: 'AI stop', drug_start: 'drug start',
      drug_stop: 'drug stop', ex_sessions: 'sessions per week', ex_minutes: 'minutes per session',
      ex_adherence: 'adherence', ex_start: 'exercise start', ex_stop: 'exercise stop' };
    for (const [k, n] of Object.entries(names)) {
      if (a[k] !== b[k]) words.push(`${n} ${a[k]} → ${b[k]}`);
    }
    return words;
  }

  return { AIS, DRUGS, EXERCISE, FIELDS, PRESETS, defaults, preset, check, toYaml, toHash, fromHash, describeChange, nameOf };
});
