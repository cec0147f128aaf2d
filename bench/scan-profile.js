// @ts-check
/**
 * The `scan-profile` section of `npm run bench`: where a scan's time goes. Runs the real command
 * (`xenport scan <files> --rules rules/xen-api --json`, worker threads and all) under
 * `node --cpu-prof` on a fixed sample of Linux 6.1's drivers/ (every k-th .c/.h file in path
 * order), reads the CPU profile of every thread, and sums the self time by pipeline stage
 * (the compiled module a sample's nearest JavaScript frame belongs to; native calls count for the
 * JavaScript that made them). Prints the stages and the top functions, and what a 2x faster scan
 * has to remove: half of the CPU time (the scan is CPU-bound on every core).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');

/** Stage of a frame from its URL and function name, or undefined for a native frame (no URL). */
function stageOf(/** @type {string} */ url, /** @type {string} */ fn) {
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(program)') return 'V8 and native, not attributed';
  if (fn === '(idle)') return 'idle';
  if (!url) return undefined;
  if (/node_modules\/tree-sitter\//.test(url))
    return fn === 'Parser.parse' || fn === 'parse'
      ? 'tree-sitter parse (native)'
      : 'tree-sitter binding: node access, set-up';
  const m = /\/dist\/(\w+)\/([\w-]+)\.js$/.exec(url);
  if (m) {
    const [, stage, file] = m;
    if (stage === 'parse' && ['shape', 'shape-text', 'quick-mask', 'code-map'].includes(file))
      return 'macro shaping and masking (src/parse/shape.ts, quick-mask.ts, code-map.ts)';
    if (stage === 'parse') return `parse stage, other (src/parse/${file}.ts and others)`;
    if (stage === 'scan' && file === 'segments') return 'segment lexer (src/scan/segments.ts)';
    if (stage === 'scan' && file === 'prefilter') return 'literal prefilter (src/scan/prefilter.ts)';
    if (stage === 'scan') return 'scan planning and driving (src/scan, other)';
    if (stage === 'match' && (file === 'flat' || file === 'fold')) return 'tree copy (src/match/flat.ts, fold.ts)';
    if (stage === 'match') return 'rule matching (src/match, other)';
    return `other xenport (src/${stage})`;
  }
  if (/dist\/cli\/bundle\.js$/.test(url)) return 'main thread: CLI, rules, results (bundle)';
  if (/^node:(fs|internal\/fs)/.test(url)) return 'file reading';
  if (/^node:internal\/encoding/.test(url)) return 'UTF-8 decoding';
  if (/^node:internal\/(modules|bootstrap)|^node:vm/.test(url)) return 'module loading (main and workers)';
  if (/^node:internal\/worker|^node:worker/.test(url)) return 'worker messages';
  return 'other (Node internals)';
}

/**
 * Self time per stage and per function over CPU profiles.
 * @param {string[]} files .cpuprofile files
 */
function aggregate(files) {
  /** @type {Map<string, number>} */ const stages = new Map();
  /** @type {Map<string, number>} */ const fns = new Map();
  let totalUs = 0;
  let idleUs = 0;
  for (const f of files) {
    const p = JSON.parse(fs.readFileSync(f, 'utf8'));
    const byId = new Map(p.nodes.map((/** @type {any} */ n) => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // Self time per node from the samples and their time deltas.
    /** @type {Map<number, number>} */ const self = new Map();
    for (let i = 0; i < p.samples.length; i++)
      self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
    for (const [id, us] of self) {
      let n = /** @type {any} */ (byId.get(id));
      const own = n.callFrame;
      let stage = stageOf(own.url, own.functionName);
      while (stage === undefined && parent.has(n.id)) {
        n = byId.get(parent.get(n.id));
        stage = stageOf(n.callFrame.url, n.callFrame.functionName);
      }
      stage ??= 'other (Node internals)';
      if (stage === 'idle') {
        idleUs += us;
        continue;
      }
      totalUs += us;
      stages.set(stage, (stages.get(stage) ?? 0) + us);
      const name = `${own.functionName || '(anonymous)'} ${own.url ? own.url.replace(/^.*\/(dist|node_modules)\//, '$1/') : `(native, under ${stage})`}`;
      fns.set(name, (fns.get(name) ?? 0) + us);
    }
  }
  return { stages, fns, totalUs, idleUs };
}

/** .c and .h files under `dir`, in path order. @param {string} dir */
function cFiles(dir) {
  /** @type {string[]} */ const out = [];
  const walk = (/** @type {string} */ d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.isFile() && /\.[ch]$/.test(e.name)) out.push(f);
    }
  };
  walk(dir);
  return out;
}

/** @param {any} ctx the bench context (bench/run.js) */
function scanProfile(ctx) {
  const { say, fmt, peers } = ctx;
  say("## Where a scan's time goes");
  say();
  if (peers.linux.skipped) {
    say(`skipped: Linux 6.1 sources: ${peers.linux.skipped}`);
    say();
    return { targets: [] };
  }
  const every = ctx.quick ? 32 : 8;
  const all = cFiles(peers.linux.dir);
  const sample = all.filter((_, i) => i % every === 0);
  const dir = path.join(ctx.work, 'profile');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const list = path.join(dir, 'files.txt');
  // The scan takes files on its command line; batches keep each command line well under the limit.
  const BATCH = 2000;
  let wall = 0;
  let parsed = 0;
  let lines = 0;
  L.log(`scan profile: ${sample.length} files of drivers/ (every ${every}th)`);
  for (let i = 0; i < sample.length; i += BATCH) {
    const r = L.run(process.execPath, [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      ctx.BIN,
      'scan',
      ...sample.slice(i, i + BATCH),
      '--rules',
      path.join(ctx.ROOT, 'rules', 'xen-api'),
      '--json',
    ]);
    if (r.status !== 0) throw new Error(`profiled scan exited ${r.status}: ${r.stderr.slice(-500)}`);
    const j = JSON.parse(r.stdout);
    wall += r.ms;
    parsed += j.summary.files.parsed;
    lines += j.summary.parsedLines;
  }
  fs.writeFileSync(list, sample.join('\n'));
  const profiles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  const a = aggregate(profiles);
  const pct = (/** @type {number} */ us) => `${((100 * us) / a.totalUs).toFixed(1)}%`;
  say(
    `\`node --cpu-prof bin/xenport.js scan <files> --rules rules/xen-api --json\` on every ${every}th .c/.h file of drivers/ in path order (${sample.length} of ${all.length} files; ${parsed} parsed, ${lines} lines; ${fmt(wall)} wall with the profiler on). CPU time of all threads (main and workers), idle excluded: ${fmt(a.totalUs / 1000)}. Each sample counts for the stage of its nearest JavaScript frame (a native call counts for its caller).`,
  );
  say();
  say('| stage | share of CPU |');
  say('|---|---:|');
  const sorted = [...a.stages].sort((x, y) => y[1] - x[1]);
  for (const [s, us] of sorted) say(`| ${s} | ${pct(us)} |`);
  say();
  say('Top functions by self time:');
  say();
  say('| function | share of CPU |');
  say('|---|---:|');
  for (const [f, us] of [...a.fns].sort((x, y) => y[1] - x[1]).slice(0, 12)) say(`| \`${f}\` | ${pct(us)} |`);
  say();
  let acc = 0;
  const half = [];
  for (const [s, us] of sorted) {
    if (acc >= a.totalUs / 2) break;
    acc += us;
    half.push(`${s} (${pct(us)})`);
  }
  say(
    `A 2x faster scan (both cores stay busy, so wall time follows CPU time) has to remove half of this CPU time: the largest stages that add up to half are ${half.join(', ')}. See the notes below for what that means in the code.`,
  );
  say();
  return { targets: [] };
}

module.exports = { scanProfile, aggregate, stageOf };
