// The engine in a Web Worker: one scenario (YAML text) in, the trajectories out. The page
// sends a request only when the previous one has returned, and always the newest
// (app.js: `pending`), so a dragged slider never queues stale runs here.
/* global importScripts, createOsteon, OsteonEngine */
importScripts('osteon.js', 'engine.js');

let engine = null;
const ready = createOsteon().then((M) => {
  engine = M;
  postMessage({ type: 'ready', version: M.UTF8ToString(M._osteon_version()) });
}).catch((e) => postMessage({ type: 'fatal', error: 'the engine could not be loaded: ' + e }));

function run(text) {
  const t0 = performance.now();
  const result = OsteonEngine.run(engine, text);
  return { result, ms: performance.now() - t0 };
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
