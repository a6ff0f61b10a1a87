// The engine in a Web Worker: one scenario (YAML text) in, the trajectories out. The page
// sends a request only when the previous one has returned, and always the newest
// (app.js: `pending`), so a dragged slider never queues stale runs here.
/* global importScripts, createOsteon */
importScripts('osteon.js');

let engine = null;
const ready = createOsteon().then((M) => {
  engine = M;
  postMessage({ type: 'ready', version: M.UTF8ToString(M._osteon_version()) });
}).catch((e) => postMessage({ type: 'fatal', error: 'the engine could not be loaded: ' + e }));

function run(text) {
  const M = engine;
  const n = M.lengthBytesUTF8(text) + 1;
  const p = M._malloc(n);
  M.stringToUTF8(text, p, n);
  const t0 = performance.now();
  const r = M._osteon_run(p);
  const ms = performance.now() - t0;
  M._free(p);
  const json = M.UTF8ToString(r);
  M._osteon_free(r);
  return { result: JSON.parse(json), ms };
}

onmessage = async (e) => {
  await ready;
  const { id, yaml } = e.data;
  if (!engine) return;
  try {
    const { result, ms } = run(yaml);
    postMessage({ type: 'result', id, result, ms });
  } catch (err) {
    postMessage({ type: 'result', id, result: { ok: false, error: 'the engine failed: ' + err }, ms: 0 });
  }
};
