// One call of the engine (web/api.cpp: osteon_run) on an Emscripten module M: the scenario's
// YAML text in, the run's result out as an object with `values[variable][time]`. The answer is
// JSON text followed, at `values_offset` bytes, by the values as doubles; they are copied out
// of the module's memory before the block is freed. Used by the Web Worker and the Node tests.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.OsteonEngine = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  function run(M, text) {
    const n = M.lengthBytesUTF8(text) + 1;
    const p = M._malloc(n);
    M.stringToUTF8(text, p, n);
    const r = M._osteon_run(p);
    M._free(p);
    if (!r) return { ok: false, error: 'the engine ran out of memory' };
    try {
      const result = JSON.parse(M.UTF8ToString(r));
      if (result.ok) {
        const nt = result.times.length;
        const first = (r + result.values_offset) / 8;  // the block is 8-byte aligned (malloc)
        // After the call: the memory may have grown, so HEAPF64 is read only now.
        result.values = result.variables.map((_, v) => Array.from(M.HEAPF64.subarray(first + v * nt, first + (v + 1) * nt)));
        delete result.values_offset;
      }
      return result;
    } finally {
      M._osteon_free(r);
    }
  }

  return { run };
});
