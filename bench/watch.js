// @ts-check
/**
 * The `watch` section of `npm run bench`: `xenport watch` on the SMMUv1 port (a copy of rules/ in
 * the work folder), then a one-line change of a rule file (a `with:` template of
 * rules/smmu-v1v2/messages.yaml, toggled between two texts so that every change changes the
 * output), repeated. Each run's work is what watch itself reports (`watch: run N (...): exit C,
 * X ms`: the port, with the rules reloaded when a rule file changed, measured inside the process;
 * the debounce and the file-system notification are not work). Target: a regeneration after a
 * one-line rule change under 20 ms, reported with its ratio to the cold first run of the same
 * process.
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
  try {
    const first = await waitFor(() => stderr, /watch: run 1 \(start\): exit (\d+), ([\d.]+) ms/, 120000);
    await waitFor(() => stderr, /watching for changes/, 10000);
    const cold = runMs(/** @type {RegExpExecArray} */ (first));
    /** @type {number[]} */
    const regen = [];
    const changes = ctx.N_PROC + 1;
    let marker = LINE_B;
    for (let i = 0; i < changes; i++) {
      const lines = original.split('\n').map((l) => (l === LINE_A ? marker : l));
      fs.writeFileSync(ruleFile, lines.join('\n'));
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
    const changed = /mask %#x/.test(stdout);
    const med = L.median(regen);
    say(
      `\`xenport watch arm-smmu.c --rules rules/smmu-v1v2 --xen xen.c -o out.c\` on a copy of rules/; then ${changes} one-line changes of rules/${RULE_FILE} (a \`with:\` template toggled between \`mask 0x%x\` and \`mask %#x\`), one after the other. Figures are watch's own per-run timing (the port, with the rules reloaded), not the debounce.`,
    );
    say();
    say('| run | work |');
    say('|---|---:|');
    say(`| first run (cold: rules loaded and compiled, code cold) | ${fmt(cold)} |`);
    say(`| regeneration after a one-line rule change, median of ${changes} | ${fmt(med)} |`);
    say(`| ratio, regeneration / first run | ${(med / cold).toFixed(2)} |`);
    say();
    say(`The diff printed by watch ${changed ? 'shows' : 'does NOT show'} the changed line.`);
    say();
    return {
      targets: [
        {
          text: `watch: SMMUv1 regeneration after a one-line rule change under ${MAX_MS} ms of work: ${fmt(med)} (${(med / cold).toFixed(2)}x the cold first run's ${fmt(cold)}; median of ${changes})`,
          pass: med < MAX_MS && changed,
        },
      ],
    };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
  }
}

module.exports = { watch };
