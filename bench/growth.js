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

/** Median in-process time of `runs` ports of `input`. */
function timePort(xp, rs, input, opts, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = L.now();
    const r = xp.port(input, rs, opts);
    ms.push(L.now() - t);
    // Bounded: an input that takes over 5 s is ported once.
    if (ms[0] > 5000) break;
    if (!r.output) throw new Error(`growth: the port of ${input.file} gave no output`);
  }
  return L.median(ms);
}

/** Target: the largest input of small functions (4 MB) ports within this many milliseconds ("in seconds"). */
const MAX_4MB_MS = 10000;

/**
 * Run both series; prints the table through `say` and returns the targets.
 * `--quick` stops each series one size earlier (SMMUv1 up to 4x, small functions up to 2 MB).
 * @param {{ xp: any, ROOT: string, CORPUS: string, say: (s?: string) => void, fmt: (ms: number) => string, quick:
 * boolean }} o
 * @returns {{ targets: Array<{ text: string, pass?: boolean }> }}
 */
function growth(o) {
  const { xp, say, fmt } = o;
  const runs = o.quick ? 1 : 3;
  const root = o.ROOT;
  const corpus = o.CORPUS;
  const last = (/** @type {number[]} */ xs) => (o.quick ? xs.slice(0, -1) : xs);
  const series = [];
  const v1 = path.join(corpus, 'smmu-v1v2-2015');
  if (fs.existsSync(path.join(v1, 'linux.c'))) {
    const rs = xp.loadRuleSet(path.join(root, 'rules', 'smmu-v1v2')).ruleSet;
    const linux = fs.readFileSync(path.join(v1, 'linux.c'), 'utf8');
    const xen = fs.readFileSync(path.join(v1, 'xen.c'), 'utf8');
    const rows = last([1, 2, 4, 8]).map((n) => ({
      label: `SMMUv1 input and Xen file ${n}x`,
      input: { text: linux.repeat(n), file: 'linux.c' },
      opts: { existingXen: { text: xen.repeat(n), file: 'xen.c' } },
    }));
    series.push({ name: 'SMMUv1 repeated (rules/smmu-v1v2, with carry-over)', rs, rows });
  } else say(`(SMMUv1 series skipped: no ${path.join(v1, 'linux.c')}; set XENPORT_CORPUS)`);
  const api = xp.loadRuleSet(path.join(root, 'rules', 'xen-api')).ruleSet;
  const rows = last([0.5, 1, 2, 4]).map((m) => ({
    label: `${m} MB of small functions`,
    input: { text: smallFunctions(m * 1024 * 1024), file: 'small.c' },
    opts: {},
  }));
  series.push({ name: 'small functions (rules/xen-api)', rs: api, rows });

  say('## Growth');
  say();
  say(
    `In process, \`port()\`, median of ${runs} after three warm-up ports of the smallest input of each series. Target: the time per input byte grows at most ${MAX_GROWTH}x from the smallest input to the largest.`,
  );
  say();
  say('| series | input | bytes | time | µs per KB | per-byte ratio to the smallest |');
  say('|---|---|---:|---:|---:|---:|');
  /** @type {Array<{ text: string, pass?: boolean }>} */
  const targets = [];
  let largestMs = 0;
  let largestLabel = '';
  for (const s of series) {
    timePort(xp, s.rs, s.rows[0].input, s.rows[0].opts, 3);
    let base;
    let ratio = 1;
    for (const r of s.rows) {
      const ms = timePort(xp, s.rs, r.input, r.opts, runs);
      const perKB = (ms * 1000) / (r.input.text.length / 1024);
      base ??= perKB;
      ratio = perKB / base;
      largestMs = ms;
      largestLabel = r.label;
      say(
        `| ${s.name} | ${r.label} | ${r.input.text.length} | ${fmt(ms)} | ${perKB.toFixed(1)} | ${ratio.toFixed(2)} |`,
      );
    }
    targets.push({
      text: `growth, ${s.name}: time per input byte ${ratio.toFixed(2)}x from ${s.rows[0].label} to ${s.rows[s.rows.length - 1].label} (at most ${MAX_GROWTH}x)`,
      pass: ratio <= MAX_GROWTH,
    });
  }
  say();
  if (o.quick)
    targets.push({
      text: `growth: the 4 MB input within ${MAX_4MB_MS / 1000} s: not run (--quick stops at ${largestLabel})`,
    });
  else
    targets.push({
      text: `growth: the 4 MB input of small functions ports within ${MAX_4MB_MS / 1000} s ("in seconds"): ${fmt(largestMs)}`,
      pass: largestMs <= MAX_4MB_MS,
    });
  return { targets };
}

module.exports = { growth, smallFunctions };
