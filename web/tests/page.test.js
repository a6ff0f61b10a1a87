// The page in headless Chromium (Debian's, driven by playwright-core): it loads, a slider moved
// from the keyboard recomputes the curves and the table, pins, predict-then-observe, the shared
// link, and the exported YAML gives the same numbers in the native CLI.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');
const { site, serve, nativeRun, maxRelativeDifference } = require('./helpers');

const CHROMIUM = process.env.OSTEON_CHROMIUM || '/usr/bin/chromium';
let server, browser, base;
const pageErrors = [];

test.before(async () => {
  server = await serve(site);
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});
test.after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

async function open(hash = '') {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  await page.goto(base + 'index.html' + hash);
  await page.waitForFunction(() => window.osteonLab && window.osteonLab.computed >= 1, null, { timeout: 30000 });
  return page;
}
const computed = (page) => page.evaluate(() => window.osteonLab.computed);
async function settle(page, before) {
  // The newest request has been computed: no request in flight or pending for this state.
  await page.waitForFunction((n) => {
    const lab = window.osteonLab;
    return lab.computed > n && lab.current && JSON.stringify(lab.current.state) === JSON.stringify(lab.state);
  }, before, { timeout: 30000 });
}
const tableText = (page) => page.locator('#table').innerText();

test('loads, computes the default preset and draws four plots and the table', async () => {
  const page = await open();
  assert.equal(await page.locator('#preset').inputValue(), 'ai_alone');
  for (const id of ['plot-bmd', 'plot-t', 'plot-cells', 'plot-markers']) {
    assert.equal(await page.locator(`#${id} canvas`).count(), 1, id);
  }
  const text = await tableText(page);
  assert.match(text, /T-score lumbar spine/);
  assert.match(text, /osteopenia|osteoporosis|normal/);
  assert.match(await page.locator('#mechanism').innerText(), /→/);
  assert.match(await page.locator('.disclaimer').innerText(), /Research and teaching tool, not medical advice/);
  await page.close();
});

test('a slider moved from the keyboard recomputes the curves and the table', async () => {
  const page = await open();
  const table0 = await tableText(page);
  const bmd0 = await page.locator('#plot-bmd').getAttribute('data-last');
  const t0 = await page.locator('#plot-t').getAttribute('data-last');
  const n = await computed(page);
  await page.locator('#age').focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight'); // 62 → 70 years
  await settle(page, n);
  assert.equal(await page.evaluate(() => window.osteonLab.current.state.age), 70);
  assert.notEqual(await tableText(page), table0);
  assert.notEqual(await page.locator('#plot-bmd').getAttribute('data-last'), bmd0);
  assert.notEqual(await page.locator('#plot-t').getAttribute('data-last'), t0);
  // Against the previous computed run: an intermediate age when a run finished between key presses.
  assert.match(await page.locator('#mech-change').innerText(), /You changed: age (6\d) → 70/);
  assert.equal(await page.locator('#preset').inputValue(), '');
  // The starting T-score shifts the T-score curves and their WHO class, not the % change.
  const m = await computed(page);
  await page.locator('#tls').focus();
  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowLeft'); // −1.0 → −2.5
  await settle(page, m);
  assert.equal(await page.evaluate(() => window.osteonLab.current.state.tls), -2.5);
  assert.match(await tableText(page), /T-score lumbar spine\t−\d\.\d\d osteoporosis/);
  await page.close();
});

test('dragging a slider computes only the newest request, and fast enough to teach with', async () => {
  const page = await open();
  const n = await computed(page);
  const runs = await page.evaluate(() => window.osteonLab.runs);
  // Twelve input events in one task, as a fast drag delivers them: the first starts a run, the
  // other eleven replace each other while it computes, and only the last is computed after it.
  await page.evaluate(() => {
    const el = document.getElementById('age');
    for (let i = 0; i < 12; i++) {
      el.stepUp();
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await settle(page, n);
  const lab = await page.evaluate(() => ({ computed: window.osteonLab.computed, runs: window.osteonLab.runs }));
  assert.equal(await page.evaluate(() => window.osteonLab.current.state.age), 74);
  assert.equal(lab.runs - runs, 2, 'runs computed for 12 input events (age 63, then 74)');
  assert.equal(lab.computed - n, 1, 'results shown (the run for age 63 was stale when it returned)');
  await page.locator('#age').focus();
  // Benchmark: one slider recompute of a 5-year integrated scenario, timed in the worker.
  const times = [];
  for (let i = 0; i < 15; i++) {
    const m = await computed(page);
    await page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowLeft');
    await settle(page, m);
    times.push(await page.evaluate(() => window.osteonLab.timings.at(-1)));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`slider recompute, 5-y integrated scenario in Chromium: median ${median.toFixed(1)} ms, ` +
    `min ${times[0].toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms (n = ${times.length})`);
  assert.ok(median < 1000, `median recompute ${median} ms`);
  await page.close();
});

test('the exported YAML reproduces the page\'s numbers in the native CLI', async () => {
  const page = await open('#drug=den60q6&drug_stop=2&ex=impact&ex_sessions=4&age=58&years=6');
  await page.locator('#export').click();
  const yaml = await page.locator('#yaml').inputValue();
  assert.match(yaml, /drug: denosumab, dose: 60 mg, every: 6 mo, start: 0 y, stop: 2 y/);
  assert.equal(await page.locator('#yaml-download').getAttribute('download'), 'scenario.yaml');
  const result = await page.evaluate(() => window.osteonLab.current.result);
  assert.equal(result.times.length, 73);
  const worst = maxRelativeDifference(result, nativeRun(yaml));
  assert.ok(worst.rel <= 5e-5, `${worst.name}[${worst.k}] differs by ${worst.rel} relative`);  // as api.test.js
  await page.close();
});

test('a shared link opens the same scenario; a broken link says why', async () => {
  const page = await open();
  await page.locator('#preset').selectOption('ai_denosumab_stop_2y');
  await settle(page, 1);
  const url = page.url();
  assert.match(url, /#.*drug=den60q6/);
  const state = await page.evaluate(() => window.osteonLab.current.state);
  const other = await open(url.slice(url.indexOf('#')));
  assert.deepEqual(await other.evaluate(() => window.osteonLab.current.state), state);
  assert.equal(await other.locator('#preset').inputValue(), 'ai_denosumab_stop_2y');
  const broken = await browser.newPage();
  await broken.goto(base + 'index.html#age=old');
  await broken.waitForSelector('#error:not([hidden])');
  assert.match(await broken.locator('#error').innerText(), /age: 'old' is not a number/);
  await Promise.all([page.close(), other.close(), broken.close()]);
});

test('pinned runs are compared side by side, three at most', async () => {
  const page = await open();
  for (const preset of ['ai_denosumab', 'ai_zoledronic_acid', 'ai_resistance_impact', 'menopause_natural']) {
    await page.locator('#pin').click();
    const n = await computed(page);
    await page.locator('#preset').selectOption(preset);
    await settle(page, n);
  }
  assert.equal(await page.evaluate(() => window.osteonLab.pins.length), 3);
  const header = await page.locator('#table thead').innerText();
  assert.match(header, /this run \(10 y\)/);
  assert.match(header, /pin 3: Anastrozole \+ resistance\/impact training/);
  assert.equal(await page.locator('#plot-bmd').getAttribute('data-series'), String(4 * 3));
  await page.locator('#clear-pins').click();
  assert.equal(await page.locator('#plot-bmd').getAttribute('data-series'), '3');
  await page.close();
});

test('predict, then observe: the curves stay hidden until the guess is committed', async () => {
  const page = await open();
  await page.locator('#predict').check();
  const n = await computed(page);
  await page.locator('#drug').selectOption('den60q6');
  await settle(page, n);
  assert.equal(await page.locator('#observed').evaluate((e) => getComputedStyle(e).visibility), 'hidden');
  assert.ok(await page.locator('#reveal').isDisabled());
  await page.locator('input[name=guess][value=up]').check();
  await page.locator('#reveal').click();
  assert.equal(await page.locator('#observed').evaluate((e) => getComputedStyle(e).visibility), 'visible');
  assert.match(await page.locator('#prediction-outcome').innerText(), /You predicted: goes up\. The model: goes up \(\d+\.\d %\)\. Right\./);
  await page.close();
});

test('impossible settings are refused with a message; the last good curves stay', async () => {
  const page = await open('#drug=den60q6');
  const before = await page.locator('#plot-bmd').getAttribute('data-last');
  const n = await computed(page);
  await page.locator('#drug_start').focus();
  await page.keyboard.press('End'); // start at 10 y, after the stop at 5 y
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.locator('#error').innerText(), /bone drug: stop must come after start/);
  assert.equal(await computed(page), n);
  assert.equal(await page.locator('#plot-bmd').getAttribute('data-last'), before);
  await page.locator('#drug_stop').focus();
  await page.keyboard.press('End'); // 10 y: still not after the start
  assert.match(await page.locator('#error').innerText(), /stop must come after start/);
  await page.locator('#drug_start').focus();
  await page.keyboard.press('Home'); // back to 0 y: valid again
  await settle(page, n);
  assert.ok(await page.locator('#error').isHidden());
  await page.close();
});

test('every control has a label and no page error was logged', async () => {
  const page = await open();
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((e) => e.type !== 'radio' && !(e.labels && e.labels.length) && !e.getAttribute('aria-labelledby')).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  await page.close();
  assert.deepEqual(pageErrors, []);
});
