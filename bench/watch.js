// @ts-check
/**
 * The `watch` section of `npm run bench`: `xenport watch` on the SMMUv1 port (a copy of rules/ in
 * the work folder), then a one-line change of a rule file (a `with:` template of
 * rules/smmu-v1v2/messages.yaml, toggled between two texts so that every change changes the
 * output), repeated. Each run's work is what watch itself reports (`watch: run N (...): exit C,
 * X ms`: the port, with the rules reloaded when a rule file changed, measured inside the process;
 * the debounce and the file-system notification are not work). Target: a regeneration after a
 * one-line rule change under 20 ms, reported with its ratio to the cold first run of the same
 * process. The same changes are then made to a watch session in the bench's own process (the
 * session's memos wrapped to time each parse and the rule reload, the carry-over wrapped too), to
 * tell the output re-parse for XP204, the rule reload and the carry-over from the rest of the work.
 */
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const L = require('./lib');

/** The line changed, and what it is changed to and back. */
const RULE_FILE = path.join('smmu-v1v2', 'messages.yaml');
const LINE_A = `    with: '"\\tstream matching with %u register groups, mask 0x%x\\n"'`;
const LINE_B = `    with: '"\\tstream matching with %u register groups, mask %#x\\n"'`;
/** Target: work per regeneration, in milliseconds. */
const MAX_MS = 20;

/** Resolves when `re` matches the text `get()` returns (polled), rejects after `ms`. */
function waitFor(/** @type {() => string} */ get, /** @type {RegExp} */ re, /** @type {number} */ ms) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      const m = re.exec(get());
      if (m) resolve(m);
      else if (Date.now() - t0 > ms)
        reject(new Error(`timed out waiting for ${re}; stderr so far:\n${get().slice(-2000)}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

/** The rule file's text with the changed line set to `line`. @param {string} original @param {string} line */
const withLine = (original, line) =>
  original
    .split('\n')
    .map((l) => (l === LINE_A ? line : l))
    .join('\n');

/**
 * Regenerations of a watch session in this process, after the same one-line changes: the work of
 * each run as watch reports it, and the part of it spent re-parsing the output (for XP204). Between
 * runs the session's spare trees are made, as watch does while idle. Runs after the first `warm`
 * are kept.
 * @param {any} ctx @param {{ linux: string, dir: string, ruleFile: string, original: string }} w
 * @param {number} changes
 */
function inProcess(ctx, w, changes) {
  const { watchSession, portMemos } = require(path.join(ctx.ROOT, 'dist', 'cli', 'watch-command.js'));
  const { bufferConsole } = require(path.join(ctx.ROOT, 'dist', 'cli', 'console.js'));
  fs.writeFileSync(w.ruleFile, w.original);
  const memos = portMemos();
  // The output re-parse: from the port's first question about it (a parse from the last output)
  // to its report of the parsed output (src/port/index.ts, parseOutput).
  let reparseStart = 0;
  let reparseMs = 0;
  const parse = memos.parse;
  memos.parse = Object.assign((/** @type {any[]} */ ...a) => parse(...a), parse, {
    fromLastOutput: (/** @type {any[]} */ ...a) => {
      reparseStart = L.now();
      return parse.fromLastOutput(...a);
    },
    outputParsed: (/** @type {any[]} */ ...a) => {
      reparseMs = L.now() - reparseStart;
      return parse.outputParsed(...a);
    },
  });
  // The rule reload (the changed file compiled again) and the carry-over of Xen blocks (the line
  // diff of the rules' output against the Xen file, src/blocks/carry.ts), timed the same way.
  const spent = { reload: 0, carry: 0 };
  /** `f`, its time added to `spent[what]`. @param {'reload' | 'carry'} what @param {Function} f */
  const timed =
    (what, f) =>
    (/** @type {any[]} */ ...a) => {
      const t0 = L.now();
      const r = f(...a);
      spent[what] += L.now() - t0;
      return r;
    };
  memos.loadRules = timed('reload', memos.loadRules);
  const carry = require(path.join(ctx.ROOT, 'dist', 'blocks', 'carry.js'));
  const carryBlocks = carry.carryBlocks;
  carry.carryBlocks = timed('carry', carryBlocks);
  const out = bufferConsole();
  const args = {
    ...{ input: w.linux, rules: path.join(w.dir, 'rules', 'smmu-v1v2'), xen: path.join(w.dir, 'xen.c') },
    ...{ output: path.join(w.dir, 'out-in-process.c'), check: false, diff: false, stdout: false, json: false },
    ...{ force: false, dropHandEdits: false, quiet: false, verbose: false },
  };
  const session = watchSession(args, out, memos);
  session.run('start');
  const warm = 3;
  /** @type {number[]} */ const work = [];
  /** @type {number[]} */ const reparse = [];
  /** @type {number[]} */ const reload = [];
  /** @type {number[]} */ const carried = [];
  let marker = LINE_B;
  for (let i = 0; i < warm + changes; i++) {
    fs.writeFileSync(w.ruleFile, withLine(w.original, marker));
    marker = marker === LINE_B ? LINE_A : LINE_B;
    // What watch does while it waits for the next change (off the clock of the next run).
    memos.prepare();
    out.err = '';
    out.out = '';
    reparseMs = 0;
    spent.reload = 0;
    spent.carry = 0;
    if (!session.check()) throw new Error('watch (in process): a rule change did not start a run');
    const m = /watch: run \d+ \(change\): exit \d+, ([\d.]+) ms/.exec(out.err);
    if (!m) throw new Error(`watch (in process): no run line in:\n${out.err.slice(-2000)}`);
    if (i < warm) continue;
    work.push(Number(m[1]));
    reparse.push(reparseMs);
    reload.push(spent.reload);
    carried.push(spent.carry);
  }
  carry.carryBlocks = carryBlocks;
  fs.writeFileSync(w.ruleFile, w.original);
  const rest = work.map((x, i) => x - reparse[i]);
  return {
    ...{ work: L.median(work), reparse: L.median(reparse), rest: L.median(rest), n: work.length },
    ...{ reload: L.median(reload), carry: L.median(carried) },
  };
}

/** @param {any} ctx the bench context (bench/run.js) */
async function watch(ctx) {
  const { say, fmt } = ctx;
  say('## `xenport watch`: regeneration after a one-line rule change');
  say();
  const linux = path.join(ctx.CORPUS, 'smmu-v1v2-2015', 'linux.c');
  if (!fs.existsSync(linux)) {
    say('skipped: the corpus is not present (set XENPORT_CORPUS)');
    say();
    return { targets: [{ text: 'watch: SMMUv1 regeneration after a one-line rule change: skipped (no corpus)' }] };
  }
  const dir = path.join(ctx.work, 'watch');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(ctx.ROOT, 'rules'), path.join(dir, 'rules'), { recursive: true });
  fs.copyFileSync(path.join(ctx.CORPUS, 'smmu-v1v2-2015', 'xen.c'), path.join(dir, 'xen.c'));
  const ruleFile = path.join(dir, 'rules', RULE_FILE);
  const original = fs.readFileSync(ruleFile, 'utf8');
  if (!original.split('\n').includes(LINE_A))
    throw new Error(`watch: rules/${RULE_FILE} no longer has the line the bench changes:\n${LINE_A}`);
  const out = path.join(dir, 'out.c');
  const child = cp.spawn(
    process.execPath,
    [
      ctx.BIN,
      'watch',
      linux,
      '--rules',
      path.join(dir, 'rules', 'smmu-v1v2'),
      '--xen',
      path.join(dir, 'xen.c'),
      '-o',
      out,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stderr += b));
  const runMs = (/** @type {RegExpExecArray} */ m) => Number(m[2]);
  const changes = ctx.N_PROC + 1;
  /** @type {number[]} */
  const regen = [];
  let cold = 0;
  try {
    const first = await waitFor(() => stderr, /watch: run 1 \(start\): exit (\d+), ([\d.]+) ms/, 120000);
    await waitFor(() => stderr, /watching for changes/, 10000);
    cold = runMs(/** @type {RegExpExecArray} */ (first));
    let marker = LINE_B;
    for (let i = 0; i < changes; i++) {
      fs.writeFileSync(ruleFile, withLine(original, marker));
      const m = await waitFor(
        () => stderr,
        new RegExp(`watch: run ${i + 2} \\(change\\): exit (\\d+), ([\\d.]+) ms`),
        60000,
      );
      regen.push(runMs(/** @type {RegExpExecArray} */ (m)));
      marker = marker === LINE_B ? LINE_A : LINE_B;
      // Let the output write and the diff settle before the next change.
      await new Promise((r) => setTimeout(r, 150));
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
  }
  const changed = /mask %#x/.test(stdout);
  const med = L.median(regen);
  // With the watch process gone, so that the rule changes below start nothing else.
  const inproc = inProcess(ctx, { linux, dir, ruleFile, original }, Math.max(10, ctx.N_LIB));
  say(
    `\`xenport watch arm-smmu.c --rules rules/smmu-v1v2 --xen xen.c -o out.c\` on a copy of rules/; then ${changes} one-line changes of rules/${RULE_FILE} (a \`with:\` template toggled between \`mask 0x%x\` and \`mask %#x\`), one after the other. Figures are watch's own per-run timing (the port, with the rules reloaded), not the debounce. The changes start once watch says it is watching, that is after its warm-up (one more untimed port of the same inputs, every rule file compiled again, nothing written or printed: \`xenport watch --help\`).`,
  );
  say();
  say('| run | work |');
  say('|---|---:|');
  say(`| first run (cold: rules loaded and compiled, code cold) | ${fmt(cold)} |`);
  say(`| regeneration after a one-line rule change, median of ${changes} | ${fmt(med)} |`);
  say(`| the first 5 regenerations, in order | ${regen.slice(0, 5).map(fmt).join(' / ')} |`);
  say(`| ratio, regeneration / first run | ${(med / cold).toFixed(2)} |`);
  say();
  say(`The diff printed by watch ${changed ? 'shows' : 'does NOT show'} the changed line.`);
  say();
  say(
    `The same changes to a watch session in the bench's process (${inproc.n} regenerations after 3 warm-up ones; the output re-parse is the parse of the port's output, for XP204):`,
  );
  say();
  say('| in process | work |');
  say('|---|---:|');
  say(`| regeneration, median | ${fmt(inproc.work)} |`);
  say(`| of which the output re-parse | ${fmt(inproc.reparse)} |`);
  say(`| of which the rule reload (the changed rule file compiled again) | ${fmt(inproc.reload)} |`);
  say(`| of which the carry-over of Xen blocks (line diff against the Xen file) | ${fmt(inproc.carry)} |`);
  say(`| regeneration without the output re-parse | ${fmt(inproc.rest)} |`);
  say();
  return {
    targets: [
      {
        text: `watch: SMMUv1 regeneration after a one-line rule change under ${MAX_MS} ms of work: ${fmt(med)} (${(med / cold).toFixed(2)}x the cold first run's ${fmt(cold)}; median of ${changes}; in process ${fmt(inproc.work)}, ${fmt(inproc.rest)} without the output re-parse)`,
        pass: med < MAX_MS && changed,
      },
    ],
  };
}

module.exports = { watch };
