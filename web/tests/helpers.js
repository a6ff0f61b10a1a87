// Shared by the web tests: the wasm module in Node, the native CLI as the golden reference,
// a static file server for the built site, and the comparison at a relative tolerance.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { execFileSync } = require('node:child_process');
const OsteonEngine = require('../src/engine.js');

const root = path.resolve(__dirname, '../..');
const site = path.resolve(root, process.env.OSTEON_SITE || 'build-web');
const binary = path.resolve(root, process.env.OSTEON_BINARY || 'build/bin/osteon');
const python = process.env.PYTHON || '/usr/bin/python3';

// The module exactly as the page loads it (build-web/osteon.js + osteon.wasm).
async function loadEngine() {
  const createOsteon = require(path.join(site, 'osteon.js'));
  // Emscripten 3.1.6 would fetch() a file path under Node 18+; hand it the bytes instead.
  const M = await createOsteon({ wasmBinary: fs.readFileSync(path.join(site, 'osteon.wasm')) });
  return {
    version: M.UTF8ToString(M._osteon_version()),
    run: (text) => OsteonEngine.run(M, text),
  };
}

// `osteon run` of the native build on a YAML text; returns {time, <variable>: values of run 0}.
function nativeRun(yaml) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteon-web-'));
  try {
    const scenario = path.join(dir, 'scenario.yaml');
    const out = path.join(dir, 'out.h5');
    fs.writeFileSync(scenario, yaml);
    execFileSync(binary, ['run', scenario, '-o', out, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const dump = 'import h5py, json, sys\n' +
      'f = h5py.File(sys.argv[1], "r")\n' +
      'out = {"time": f["time"][:].tolist()}\n' +
      'out.update({k: f[k][0].tolist() for k in f if f[k].ndim == 2})\n' +
      'print(json.dumps(out))\n';
    return JSON.parse(execFileSync(python, ['-c', dump, out], { maxBuffer: 64 << 20 }).toString());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Largest relative difference over every variable and time, with the scale of each variable
// as the floor (values crossing zero, e.g. BMD change at t = 0).
function maxRelativeDifference(result, native) {
  let worst = { rel: 0, name: '', k: -1 };
  const names = result.variables.map((v) => v.name);
  if (result.times.length !== native.time.length) throw new Error('different output times');
  names.forEach((name, i) => {
    const a = result.values[i];
    const b = native[name];
    if (!b) throw new Error(`the native file has no ${name}`);
    const scale = Math.max(...b.map(Math.abs));
    for (let k = 0; k < a.length; k++) {
      const rel = Math.abs(a[k] - b[k]) / Math.max(Math.abs(b[k]), 1e-6 * scale, 1e-300);
      if (!(rel <= worst.rel)) worst = { rel, name, k };
    }
  });
  return worst;
}

// A static server for the built site (any static host would do; .wasm needs its MIME type).
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split(/[?#]/)[0]);
    const file = path.join(dir, url.endsWith('/') ? url + 'index.html' : url);
    if (!file.startsWith(dir) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

module.exports = { root, site, binary, loadEngine, nativeRun, maxRelativeDifference, serve };
