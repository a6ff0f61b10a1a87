// The teaching page: controls -> scenario YAML -> the engine in a Web Worker -> plots, table,
// mechanism panel. Plain JavaScript; uPlot draws the curves.
/* global uPlot, OsteonScenario, OsteonMechanism */
(function () {
  'use strict';
  const S = OsteonScenario;
  const $ = (id) => document.getElementById(id);
  const SITES = [
    { key: 'lumbar_spine', label: 'lumbar spine', color: '#1d4ed8' },
    { key: 'total_hip', label: 'total hip', color: '#b45309' },
    { key: 'femoral_neck', label: 'femoral neck', color: '#047857' },
  ];
  const DASH = [[], [8, 4], [2, 3], [12, 3, 2, 3]];
  const MAX_PINS = 3;

  // What the page shows; window.osteonLab lets the tests read it.
  // computed: results shown; runs: results the worker returned (a stale one is dropped unshown).
  const lab = { state: null, current: null, previous: null, pins: [], timings: [], computed: 0, runs: 0, errors: 0 };
  window.osteonLab = lab;

  // ---- controls --------------------------------------------------------------------------
  function fillSelect(id, list) {
    const el = $(id);
    for (const o of list) el.add(new Option(o.label, o.id));
  }
  fillSelect('ai', S.AIS);
  fillSelect('drug', S.DRUGS);
  fillSelect('ex', S.EXERCISE);
  $('preset').add(new Option('(your own settings)', ''));
  for (const p of S.PRESETS) $('preset').add(new Option(p.label, p.id));
  for (const [k, f] of Object.entries(S.FIELDS)) {
    if (f.range) Object.assign($(k), { min: f.range[0], max: f.range[1], step: f.range[2] });
  }

  function show(state) {
    for (const [k, f] of Object.entries(S.FIELDS)) {
      $(k).value = String(state[k]);
      if (!f.options) document.querySelector(`output[for=${k}]`).value = String(state[k]);
    }
    const ex = S.EXERCISE.find((e) => e.id === state.ex);
    const groups = { ai: ['ai_start', 'ai_stop'], drug: ['drug_start', 'drug_stop'],
      ex: ['ex_sessions', 'ex_minutes', 'ex_adherence', 'ex_start', 'ex_stop'] };
    for (const [sel, ids] of Object.entries(groups)) {
      for (const id of ids) $(id).disabled = state[sel] === 'none';
    }
    $('ex_sessions').labels[0].textContent = ex && ex.minutes ? 'Sessions per week (× minutes = min/wk)' : 'Sessions per week';
    $('preset').value = S.nameOf(state) === 'teaching_lab' ? '' : S.nameOf(state);
  }

  function read() {
    const s = {};
    for (const [k, f] of Object.entries(S.FIELDS)) s[k] = f.options ? $(k).value : Number($(k).value);
    return s;
  }

  // ---- the worker: only the newest request is computed -----------------------------------
  const worker = new Worker('worker.js');
  let busy = false;
  let pending = null;
  let nextId = 1;

  function request(state) {
    let yaml;
    try {
      yaml = S.toYaml(state);
    } catch (e) {
      fail(e.message);
      return;
    }
    pending = { id: nextId++, state, yaml };
    if (!busy) dispatch();
  }
  function dispatch() {
    if (!pending || !lab.ready) return;
    busy = true;
    lab.inflight = pending;
    worker.postMessage({ id: pending.id, yaml: pending.yaml });
    pending = null;
    $('status').textContent = 'Computing…';
  }
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'ready') {
      lab.ready = true;
      $('version').textContent = m.version + ' (WebAssembly)';
      dispatch();
      return;
    }
    if (m.type === 'fatal') { fail(m.error); return; }
    const req = lab.inflight;
    busy = false;
    lab.runs++;
    if (pending) {
      dispatch(); // a newer request arrived meanwhile: this result is already stale
      return;
    }
    received(req, m.result, m.ms);
  };
  worker.onerror = (e) => fail('the engine worker failed: ' + (e.message || e));

  // Run errors go when a run succeeds; a link's error stays until the settings change.
  function fail(message, kind = 'run') {
    lab.errors++;
    $('error').hidden = false;
    $('error').textContent = message;
    $('error').dataset.kind = kind;
    if (kind === 'run') $('status').textContent = 'Not computed: see the message.';
  }

  function received(req, result, ms) {
    if (!result.ok) { fail(result.error); return; }
    if ($('error').dataset.kind === 'run') $('error').hidden = true;
    lab.previous = lab.current;
    lab.current = { state: req.state, yaml: req.yaml, result, ms };
    lab.timings.push(ms);
    lab.computed++;
    $('status').textContent = `Computed ${req.state.years} years of the integrated model in ${ms.toFixed(0)} ms ` +
      `(${result.stats.steps} steps, WebAssembly in a Web Worker).`;
    render();
    if (predicting) askPrediction();
  }

  // ---- results ---------------------------------------------------------------------------
  function get(result, name) {
    const i = result.variables.findIndex((v) => v.name === name);
    if (i < 0) throw new Error(`no variable ${name}`);
    return result.values[i];
  }
  function who(t) { return t <= -2.5 ? 'osteoporosis' : t < -1 ? 'osteopenia' : 'normal'; }
  function runs() {
    const all = [];
    if (lab.current) all.push({ ...lab.current, label: 'this run' });
    lab.pins.forEach((p, i) => all.push({ ...p, label: `pin ${i + 1}: ${p.label}` }));
    return all;
  }

  const plots = {};
  function plot(id, series, opts = {}) {
    const all = runs();
    const n = Math.max(...all.map((r) => r.result.times.length));
    const longest = all.find((r) => r.result.times.length === n).result.times;
    const data = [longest.map((t) => t / 365.25)];
    const cfg = [{ label: 'years' }];
    all.forEach((r, ri) => {
      for (const s of series) {
        const y = s.values(r.result);
        data.push(Array.from({ length: n }, (_, k) => (k < y.length ? y[k] : null)));
        cfg.push({ label: `${s.label} (${r.label})`, stroke: s.color, dash: DASH[ri], width: ri ? 1.5 : 2.5,
          value: (u, v) => (v == null ? '–' : v.toFixed(2)) });
      }
    });
    const el = $(id);
    if (plots[id]) plots[id].destroy();
    const width = Math.max(320, Math.min(720, el.parentElement.clientWidth - 10));
    plots[id] = new uPlot({ width, height: 240, series: cfg, axes: [{ label: 'years' }, { label: opts.ylabel || '' }],
      scales: { x: { time: false } }, hooks: opts.hooks || {}, legend: { live: true } }, data, el);
    el.dataset.series = String(cfg.length - 1);
    el.dataset.last = JSON.stringify(data.slice(1, 1 + series.length).map((y) => y[y.length - 1]));
  }

  function whoBands(u) {
    const { ctx, bbox } = u;
    const y = (v) => u.valToPos(v, 'y', true);
    const bands = [[1e9, -1, 'rgba(34,197,94,0.10)'], [-1, -2.5, 'rgba(234,179,8,0.14)'], [-2.5, -1e9, 'rgba(239,68,68,0.12)']];
    ctx.save();
    for (const [hi, lo, color] of bands) {
      const top = Math.max(bbox.top, Math.min(bbox.top + bbox.height, y(hi)));
      const bot = Math.max(bbox.top, Math.min(bbox.top + bbox.height, y(lo)));
      ctx.fillStyle = color;
      ctx.fillRect(bbox.left, top, bbox.width, bot - top);
    }
    ctx.restore();
  }

  function render() {
    const relative = (name) => (r) => { const y = get(r, name); return y.map((v) => v / y[0]); };
    plot('plot-bmd', SITES.map((s) => ({ label: s.label, color: s.color, values: (r) => get(r, `bmd_${s.key}_change`) })),
      { ylabel: '% from start' });
    plot('plot-t', SITES.map((s) => ({ label: s.label, color: s.color, values: (r) => get(r, `t_score_${s.key}`) })),
      { ylabel: 'T-score', hooks: { drawClear: [whoBands] } });
    plot('plot-cells', [
      { label: 'osteoclasts', color: '#b91c1c', values: relative('OCa') },
      { label: 'osteoblasts', color: '#15803d', values: relative('OBa') },
      { label: 'RANKL/OPG', color: '#b45309', values: relative('rankl_opg_ratio') },
    ], { ylabel: '× start' });
    plot('plot-markers', [
      { label: 'CTX', color: '#b91c1c', values: (r) => get(r, 'ctx_change') },
      { label: 'P1NP', color: '#15803d', values: (r) => get(r, 'p1np_change') },
    ], { ylabel: '% from start' });
    table();
    mechanism();
  }

  function table() {
    const all = runs();
    const head = $('table').tHead;
    head.innerHTML = '';
    const hr = head.insertRow();
    hr.appendChild(Object.assign(document.createElement('th'), { scope: 'col', textContent: 'quantity' }));
    for (const r of all) {
      hr.appendChild(Object.assign(document.createElement('th'), { scope: 'col', textContent: `${r.label} (${r.state.years} y)` }));
    }
    const body = $('table').tBodies[0];
    body.innerHTML = '';
    const row = (label, cell) => {
      const tr = body.insertRow();
      tr.appendChild(Object.assign(document.createElement('th'), { scope: 'row', textContent: label }));
      for (const r of all) {
        const td = tr.insertCell();
        cell(r.result, td);
      }
    };
    const last = (r, name) => { const y = get(r, name); return y[y.length - 1]; };
    const signed = (v, d = 1) => (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(d);
    for (const s of SITES) {
      row(`BMD ${s.label} (%)`, (r, td) => { td.textContent = signed(last(r, `bmd_${s.key}_change`)); });
    }
    for (const s of SITES) {
      row(`T-score ${s.label}`, (r, td) => {
        const t = last(r, `t_score_${s.key}`);
        td.textContent = `${signed(t, 2)} ${who(t)}`;
        td.className = 'who-' + who(t);
      });
    }
    row('CTX (%)', (r, td) => { td.textContent = signed(last(r, 'ctx_change'), 0); });
    row('P1NP (%)', (r, td) => { td.textContent = signed(last(r, 'p1np_change'), 0); });
  }

  function mechanism() {
    const prev = lab.previous;
    const cur = lab.current;
    const changed = prev ? S.describeChange(prev.state, cur.state) : [];
    const days = Math.min(cur.result.duration_d, prev ? prev.result.duration_d : Infinity);
    const chains = OsteonMechanism.explain(prev && changed.length ? prev.result : null, cur.result, days);
    $('mech-change').textContent = prev && changed.length
      ? `You changed: ${changed.join('; ')}. Compared with the previous run at ${(days / 365.25).toFixed(1)} years:`
      : `Since the start of this run, at ${(days / 365.25).toFixed(1)} years:`;
    const ul = $('mechanism');
    ul.innerHTML = '';
    for (const c of chains) {
      const li = document.createElement('li');
      li.textContent = (c.note ? c.note + ': ' : '') + c.text;
      ul.appendChild(li);
    }
  }

  // ---- predict, then observe ---------------------------------------------------------------
  let predicting = false;
  function askPrediction() {
    const years = lab.current.state.years;
    $('prediction-question').textContent =
      `After ${years} years, the lumbar spine BMD of this run compared with its start:`;
    for (const r of document.querySelectorAll('input[name=guess]')) r.checked = false;
    $('reveal').disabled = true;
    $('prediction').hidden = false;
  }
  $('predict').addEventListener('change', () => {
    predicting = $('predict').checked;
    if (!predicting) {
      $('prediction').hidden = true;
      $('observed').classList.remove('hidden-for-prediction');
    }
  });
  $('prediction-choices').addEventListener('change', () => { $('reveal').disabled = false; });
  $('reveal').addEventListener('click', () => {
    const guess = document.querySelector('input[name=guess]:checked').value;
    const y = get(lab.current.result, 'bmd_lumbar_spine_change');
    const v = y[y.length - 1];
    const truth = v > 1 ? 'up' : v < -1 ? 'down' : 'same';
    const words = { up: 'goes up', same: 'stays within ±1 %', down: 'goes down' };
    $('prediction').hidden = true;
    $('observed').classList.remove('hidden-for-prediction');
    $('prediction-outcome').hidden = false;
    $('prediction-outcome').textContent = `You predicted: ${words[guess]}. The model: ${words[truth]} ` +
      `(${v.toFixed(1)} %). ${guess === truth ? 'Right.' : 'Not what the model says: read the mechanism panel.'}`;
    $('plot-bmd').scrollIntoView({ block: 'nearest' });
  });

  // ---- changes, URL, pins, export ------------------------------------------------------------
  function changed(state, keepError = false) {
    if (!keepError) { $('error').hidden = true; $('error').dataset.kind = ''; }
    lab.state = state;
    show(state);
    history.replaceState(null, '', '#' + S.toHash(state));
    if (predicting) {
      $('observed').classList.add('hidden-for-prediction');
      $('prediction-outcome').hidden = true;
    }
    $('yaml-box').hidden = true;
    request(state);
  }
  $('form').addEventListener('input', (e) => {
    if (e.target.id === 'preset' || e.target.name === 'guess' || e.target.id === 'predict') return;
    changed(read());
  });
  $('preset').addEventListener('change', () => {
    const id = $('preset').value;
    if (id) changed(S.preset(id));
  });
  $('pin').addEventListener('click', () => {
    if (!lab.current) return;
    if (lab.pins.length >= MAX_PINS) lab.pins.shift();
    const p = S.PRESETS.find((x) => x.id === S.nameOf(lab.current.state));
    lab.pins.push({ ...lab.current, label: p ? p.label : 'own settings' });
    render();
    $('status').textContent = `Pinned (${lab.pins.length} of ${MAX_PINS}); the oldest pin goes first.`;
  });
  $('clear-pins').addEventListener('click', () => { lab.pins = []; if (lab.current) render(); });
  $('share').addEventListener('click', async () => {
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      $('status').textContent = 'Link copied: it opens this scenario.';
    } catch (e) {
      $('status').textContent = 'Copy this link: ' + url;
    }
  });
  $('export').addEventListener('click', () => {
    const yaml = lab.current ? lab.current.yaml : S.toYaml(read());
    $('yaml').value = yaml;
    $('yaml-download').href = URL.createObjectURL(new Blob([yaml], { type: 'text/yaml' }));
    $('yaml-box').hidden = false;
    $('yaml').focus();
  });
  window.addEventListener('hashchange', () => load());

  function load() {
    const hash = location.hash.replace(/^#/, '');
    if (!hash) { changed(S.preset('ai_alone')); return; }
    const { state, errors } = S.fromHash(hash);
    if (errors.length) {
      fail('The link holds settings the page cannot use: ' + errors.join('; ') + '. Showing the defaults instead.', 'link');
      changed(S.defaults(), true);
      return;
    }
    changed(state);
  }
  load();
})();
