// @ts-check
/**
 * The growth table of `npm run bench` (alone: `npm run bench -- --only growth`): in-process port
 * time as the input grows, to show that no stage is quadratic. Two series: the SMMUv1 Linux file
 * and its Xen file each repeated 1x, 2x, 4x, 8x (rules/smmu-v1v2, so the carry-over line diff
 * grows too), and generated inputs of small functions of 0.5, 1, 2 and 4 MB (rules/xen-api, many
 * small edits). Target: the time per input byte grows at most 1.5x from the smallest input to the
 * largest.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');

/** Largest allowed growth of the time per input byte, smallest to largest input. */
const MAX_GROWTH = 1.5;

/** `bytes` or a little more of small C functions calling what rules/xen-api rewrites. */
function smallFunctions(bytes) {
  const parts = ['#include <linux/slab.h>\n\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const f =
      `static int f${i}(struct dev *d)\n{\n\tvoid *p = kzalloc(${(i % 50) + 8}, GFP_KERNEL);\n\n\tif (!p)\n\t\treturn -ENOMEM;\n` +
      `\tWRITE_ONCE(d->x, READ_ONCE(d->y) + ${i});\n\tkfree(p);\n\treturn 0;\n}\n\n`;
    parts.push(f);
    size += f.length;
  }
  return parts.join('');
}

/** Median in-process time of `runs` ports (after one warm-up port of `warm`). */
function timePort(xp, rs, input, opts, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = L.now();
    const r = xp.port(input, rs, opts);
    ms.push(L.now() - t);
    if (!r.output) throw new Error(`growth: the port of ${input.file} gave no output`);
  }
  return L.median(ms);
}

/**
 * Run both series; prints the table through `say` and returns the targets' lines.
 * @param {{ xp: any, root: string, corpus: string, say: (s?: string) => void, fmt: (ms: number) => string, quick:
 * boolean }} o
 */
function growth(o) {
  const { xp, say, fmt } = o;
  const runs = o.quick ? 1 : 3;
  const series = [];
  const v1 = path.join(o.corpus, 'smmu-v1v2-2015');
  if (fs.existsSync(path.join(v1, 'linux.c'))) {
    const rs = xp.loadRuleSet(path.join(o.root, 'rules', 'smmu-v1v2')).ruleSet;
    const linux = fs.readFileSync(path.join(v1, 'linux.c'), 'utf8');
    const xen = fs.readFileSync(path.join(v1, 'xen.c'), 'utf8');
    const rows = [1, 2, 4, 8].map((n) => ({ label: `SMMUv1 input and Xen file ${n}x`, input: { text: linux.repeat(n), file: 'linux.c' }, opts: { existingXen: { text: xen.repeat(n), file: 'xen.c' } } }));
    series.push({ name: 'SMMUv1 repeated (rules/smmu-v1v2, with carry-over)', rs, rows });
  } else say(`(SMMUv1 series skipped: no ${path.join(v1, 'linux.c')}; set XENPORT_CORPUS)`);
  const api = xp.loadRuleSet(path.join(o.root, 'rules', 'xen-api')).ruleSet;
  const rows = [0.5, 1, 2, 4].map((m) => ({ label: `${m} MB of small functions`, input: { text: smallFunctions(m * 1024 * 1024), file: 'small.c' }, opts: {} }));
  series.push({ name: 'small functions (rules/xen-api)', rs: api, rows });

  say('## Growth');
  say();
  say(`In process, \`port()\`, median of ${runs} after one warm-up port of the smallest input of each series. Target: the time per input byte grows at most ${MAX_GROWTH}x from the smallest input to the largest.`);
  say();
  say('| series | input | bytes | time | µs per KB | per-byte ratio to the smallest |');
  say('|---|---|---:|---:|---:|---:|');
  const targets = [];
  for (const s of series) {
    timePort(xp, s.rs, s.rows[0].input, s.rows[0].opts, 1);
    let base;
    let last = 1;
    for (const r of s.rows) {
      const ms = timePort(xp, s.rs, r.input, r.opts, runs);
      const perKB = (ms * 1000) / (r.input.text.length / 1024);
      base ??= perKB;
      last = perKB / base;
      say(`| ${s.name} | ${r.label} | ${r.input.text.length} | ${fmt(ms)} | ${perKB.toFixed(1)} | ${last.toFixed(2)} |`);
    }
    targets.push(`- growth, ${s.name}: time per input byte ${last.toFixed(2)}x from ${s.rows[0].label} to ${s.rows[s.rows.length - 1].label} (at most ${MAX_GROWTH}x): ${last <= MAX_GROWTH ? 'PASS' : 'MISS'}`);
  }
  say();
  return targets;
}

module.exports = { growth, smallFunctions };
