// The mechanism panel: what changed between two runs (or since the start of one) and the chain
// of causes the model followed, each arrow read from the numbers, never assumed.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.OsteonMechanism = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const THRESHOLD = 2; // % change below which a link is shown as "≈" (no clear change)

  function series(result, name) {
    const i = result.variables.findIndex((v) => v.name === name);
    if (i < 0) throw new Error(`the result has no variable '${name}'`);
    return result.values[i];
  }

  function indexAt(result, days) {
    let best = 0;
    result.times.forEach((t, i) => { if (Math.abs(t - days) < Math.abs(result.times[best] - days)) best = i; });
    return best;
  }

  // One link of a chain: a quantity and its relative change in %.
  function link(label, before, after) {
    const pct = before !== 0 ? (after / before - 1) * 100 : (after === 0 ? 0 : Infinity);
    const arrow = pct > THRESHOLD ? '↑' : pct < -THRESHOLD ? '↓' : '≈';
    return { label, pct, arrow };
  }
  // A change already in % (CTX, P1NP, BMD): compared as levels 1 + x/100, or as points.
  function linkPct(label, before, after) { return link(label, 1 + before / 100, 1 + after / 100); }
  function linkPoints(label, before, after) {
    const d = after - before;
    return { label, pct: d, points: true, arrow: d > 0.5 ? '↑' : d < -0.5 ? '↓' : '≈' };
  }

  function format(l) {
    if (!Number.isFinite(l.pct)) return `${l.label} ${l.arrow} (from none)`;
    const sign = l.pct > 0 ? '+' : l.pct < 0 ? '−' : '±';
    const unit = l.points ? ' points' : ' %';
    return `${l.label} ${l.arrow} (${sign}${Math.abs(l.pct).toFixed(Math.abs(l.pct) < 10 ? 1 : 0)}${unit})`;
  }

  // Chains for `after` against `before` (two results, compared at `days`), or against its own
  // start when `before` is null. Returns [{driver, links: [...], text}].
  function explain(before, after, days) {
    const ref = before || after;
    const k1 = indexAt(after, days);
    const k0 = before ? indexAt(before, days) : 0;
    const v = (r, k, n) => series(r, n)[k];
    const q = (n) => [v(ref, k0, n), v(after, k1, n)];
    const chains = [];
    const bmd = linkPoints('lumbar spine BMD', ...q('bmd_lumbar_spine_change'));
    const ctx = linkPct('resorption (CTX)', ...q('ctx_change'));
    const p1np = linkPct('formation (P1NP)', ...q('p1np_change'));
    const oc = link('osteoclasts', ...q('OCa'));
    const ob = link('osteoblasts', ...q('OBa'));
    const rankl = link('RANKL/OPG', ...q('rankl_opg_ratio'));

    const estrogen = link('estrogen', ...q('estrogen'));
    if (estrogen.arrow !== '≈') chains.push({ driver: 'estrogen', links: [estrogen, rankl, oc, ctx, bmd] });

    const den = q('denosumab_serum');
    const denMax = Math.max(...series(after, 'denosumab_serum'));
    if (den[0] > 1 || den[1] > 1) {
      chains.push({ driver: 'denosumab', links: [link('denosumab in serum', ...den), link('free RANKL', ...q('RANKL')), oc, ctx, bmd] });
    } else if (denMax > 1) {
      chains.push({ driver: 'denosumab stopped', note: 'denosumab has washed out: RANKL is free again and osteoclasts rebound',
        links: [link('free RANKL', ...q('RANKL')), oc, ctx, bmd] });
    }
    const bp = q('bisphosphonate_effect');
    const bpLink = link('osteoclast apoptosis (bisphosphonate)', ...bp);
    if (bpLink.arrow !== '≈' || bp[1] > 1.02) chains.push({ driver: 'bisphosphonate', links: [bpLink, oc, ctx, bmd] });

    const load = link('strain on bone (mechanostat)', ...q('stimulus'));
    const scl = link('sclerostin', ...q('sclerostin'));
    if (load.arrow !== '≈' || scl.arrow !== '≈') chains.push({ driver: 'loading', links: [load, scl, ob, p1np, bmd] });

    if (!chains.length) chains.push({ driver: 'none', note: 'no driver changed by more than ' + THRESHOLD + ' %', links: [oc, ob, bmd] });
    for (const c of chains) c.text = c.links.map(format).join(' → ');
    return chains;
  }

  return { explain, format, THRESHOLD };
});
