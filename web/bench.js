// Benchmark of a slider recompute (docs/performance.md): a 5-year integrated scenario run by the
// WebAssembly module, CPU time per run from process.cpuUsage (the engine is single-threaded).
// Usage: node web/bench.js [SITE_DIR]   (after `make web`; Node's V8 runs the same osteon.wasm)
'use strict';
process.env.OSTEON_SITE = process.argv[2] || process.env.OSTEON_SITE || 'build-web';
const { loadEngine, site } = require('./tests/helpers');
const S = require('./src/scenario.js');
const fs = require('node:fs');
const path = require('node:path');

loadEngine().then((engine) => {
  const cases = [['ai_alone', S.preset('ai_alone')], ['ai_denosumab_resistance_impact', S.preset('ai_denosumab_resistance_impact')]];
  for (const [name, base] of cases) {
    const cpu = [];
    for (let i = 0; i < 60; i++) {
      const state = { ...base, age: 60 + (i % 10) }; // a slider moving back and forth
      const yaml = S.toYaml(state);
      const c0 = process.cpuUsage();
      const r = engine.run(yaml);
      const c = process.cpuUsage(c0);
      if (!r.ok) throw new Error(r.error);
      if (i >= 20) cpu.push((c.user + c.system) / 1000); // after V8 has tiered the module up
    }
    cpu.sort((a, b) => a - b);
    console.log(`${name}: CPU per recompute median ${cpu[cpu.length >> 1].toFixed(1)} ms, ` +
      `min ${cpu[0].toFixed(1)} ms (n = ${cpu.length})`);
  }
  const wasm = fs.statSync(path.join(site, 'osteon.wasm')).size;
  console.log(`osteon.wasm: ${wasm} B (${(wasm / 1024).toFixed(0)} KiB)`);
});
