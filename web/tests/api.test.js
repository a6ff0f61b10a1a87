// The WebAssembly API (web/api.cpp) in Node: against the native CLI, the page's presets against
// their shipped scenario files, the page's YAML, URL and mechanism logic, and error messages.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, loadEngine, nativeRun, maxRelativeDifference } = require('./helpers');
const S = require('../src/scenario.js');
const Mechanism = require('../src/mechanism.js');

// Relative. wasm's libm differs from glibc's in the last bits; the integrated model's start is
// the patient's history, integrated with adaptive steps at a relative tolerance of 1e-6, so a
// last-bit difference can move one step decision and shift the results by up to about that
// tolerance (measured: 1e-5 at most on these scenarios).
const TOLERANCE = 5e-5;
const clinical = (name) => fs.readFileSync(path.join(root, 'scenarios/clinical', name + '.yaml'), 'utf8');
let engine;
test.before(async () => { engine = await loadEngine(); });

test('the module reports its version', () => {
  assert.match(engine.version, /^osteon \d+\.\d+\.\d+ \(git [0-9a-f]+/);
});

for (const name of ['ai_denosumab_stop_2y', 'ai_zoledronic_acid', 'ai_walking_150min', 'menopause_natural']) {
  test(`${name}: every variable at every time matches the native CLI within ${TOLERANCE} relative`, () => {
    const text = clinical(name);
    const r = engine.run(text);
    assert.equal(r.ok, true, r.error);
    assert.ok(r.variables.length > 40 && r.times.length >= 61);
    const worst = maxRelativeDifference(r, nativeRun(text));
    console.log(`${name}: largest relative difference wasm/native ${worst.rel.toExponential(2)} (${worst.name})`);
    assert.ok(worst.rel <= TOLERANCE, `${worst.name}[${worst.k}] differs by ${worst.rel} relative`);
  });
}

test('each preset of the page is its shipped scenario, number for number', () => {
  assert.equal(S.PRESETS.length, 8);
  for (const p of S.PRESETS) {
    const mine = engine.run(S.toYaml(S.preset(p.id)));
    const shipped = engine.run(clinical(p.file));
    assert.equal(mine.ok, true, `${p.id}: ${mine.error}`);
    assert.equal(shipped.ok, true, `${p.file}: ${shipped.error}`);
    assert.deepEqual(mine.times, shipped.times, p.id);
    assert.deepEqual(mine.values, shipped.values, p.id);
  }
});

test('a scenario as JSON gives the numbers of the same scenario as YAML', () => {
  const json = JSON.stringify({
    osteon: 1, name: 'ai_denosumab', model: 'integrated', duration: '5 y', output: { every: '1 mo' },
    patient: { age: '62 y', menopause_age: '51 y', t_score: { lumbar_spine: -1.0, total_hip: -0.8, femoral_neck: -1.2 } },
    drugs: [{ drug: 'anastrozole', start: '0 d', stop: '5 y' },
      { drug: 'denosumab', dose: '60 mg', every: '6 mo', start: '0 d', stop: '5 y' }],
  });
  const a = engine.run(json);
  assert.equal(a.ok, true, a.error);
  assert.deepEqual(a.values, engine.run(clinical('ai_denosumab')).values);
});

test('bad input comes back as a message naming the key, never as numbers', () => {
  const bad = clinical('ai_alone').replace('duration: 5 y', 'duration: 5 q');
  const r = engine.run(bad);
  assert.equal(r.ok, false);
  assert.match(r.error, /scenario:\d+:\d+: error: key 'duration'.*unknown unit 'q'/);
  const notYaml = engine.run('osteon: 1\nname: [unclosed\n');
  assert.equal(notYaml.ok, false);
  assert.match(notYaml.error, /scenario:3:1: error: malformed YAML/);
  const table = engine.run(clinical('ai_alone') + 'runs:\n  file: runs.csv\n');
  assert.equal(table.ok, false);
  assert.ok(table.error.length > 0);
  const stiffReference = engine.run(clinical('ai_alone') + 'solver: {method: odeint-rosenbrock4}\n');
  assert.equal(stiffReference.ok, false);
  assert.match(stiffReference.error, /not in the web build/);
});

test('numbers with exponents and signs are read as natively (the from_chars fallback)', () => {
  const a = engine.run(clinical('ai_alone'));
  const b = engine.run(clinical('ai_alone').replace('duration: 5 y', 'duration: +0.5e1 y').replace('age: 62 y', 'age: 6.2E1 y'));
  assert.equal(b.ok, true, b.error);
  assert.deepEqual(b.values, a.values);
  const c = engine.run(clinical('ai_alone').replace('duration: 5 y', 'duration: 1e999 y'));
  assert.equal(c.ok, false);
  assert.match(c.error, /out of range/);
  const d = engine.run(clinical('ai_alone').replace('duration: 5 y', 'duration: inf y'));
  assert.equal(d.ok, false);
  assert.match(d.error, /not a finite number/);
});

test('the page YAML round-trips through the URL and refuses bad links', () => {
  const s = { ...S.preset('ai_denosumab_resistance_impact'), age: 70, drug_stop: 3.5 };
  const { state, errors } = S.fromHash('#' + S.toHash(s));
  assert.deepEqual(errors, []);
  assert.deepEqual(state, s);
  assert.equal(S.toYaml(state), S.toYaml(s));
  assert.match(S.fromHash('#age=abc').errors.join(), /age: 'abc' is not a number/);
  assert.match(S.fromHash('#age=200').errors.join(), /outside 40 to 85/);
  assert.match(S.fromHash('#drug=aspirin').errors.join(), /drug: 'aspirin' is not one of/);
  assert.match(S.fromHash('#colour=red').errors.join(), /unknown setting 'colour'/);
  assert.throws(() => S.toYaml({ ...s, drug_start: 4, drug_stop: 3 }), /stop must come after start/);
});

test('the mechanism panel reads its arrows from the model: an aromatase inhibitor at 62', () => {
  const none = engine.run(S.toYaml(S.defaults()));
  const ai = engine.run(S.toYaml(S.preset('ai_alone')));
  const chains = Mechanism.explain(none, ai, 5 * 365.25);
  const estrogen = chains.find((c) => c.driver === 'estrogen');
  assert.ok(estrogen, JSON.stringify(chains));
  assert.deepEqual(estrogen.links.map((l) => l.label + l.arrow),
    ['estrogen↓', 'RANKL/OPG↑', 'osteoclasts↑', 'resorption (CTX)↑', 'lumbar spine BMD↓']);
  const den = engine.run(S.toYaml(S.preset('ai_denosumab')));
  const d = Mechanism.explain(ai, den, 5 * 365.25).find((c) => c.driver === 'denosumab');
  assert.deepEqual(d.links.map((l) => l.arrow), ['↑', '↓', '↓', '↓', '↑']);
});
