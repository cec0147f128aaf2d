// @ts-check
/**
 * `npm run bench`: xenport against Node's own start-up, Coccinelle and ast-grep, on the targets of
 * issue 14. Installs the peers it needs (or says which it skipped and why), runs every section on
 * this machine, prints each target with PASS or MISS and writes docs/PERFORMANCE.md (with the
 * hand-written bench/NOTES.md appended). Every ratio is taken between runs made in the same
 * rounds (the machine's speed moves), as the median of the per-round ratios.
 *
 * Options (after `npm run bench --`):
 *   --quick        fewer repetitions, no drivers/ scan, smaller growth and profile samples; for
 *                  development: prints, never writes docs/PERFORMANCE.md
 *   --only a,b     only these sections (names below), printed; docs/PERFORMANCE.md left as it is
 *   --fresh        ignore the saved sections of an interrupted run (see bench/state.js)
 *   --no-drivers   skip the whole drivers/ scan (then docs/PERFORMANCE.md is not written)
 *   --keep-work    keep the work folder (every tool's outputs, the raw scan results, the profiles)
 * An interrupted full run (no --quick, --only or --no-drivers) resumes where it stopped when started again with the
 * same build, rules
 * and bench (bench/state.js). The whole run is bounded (fixed repetitions; about 10-20 minutes on
 * a busy 2-core machine) and prints how long each section took.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const L = require('./lib');
const { fingerprint, openState } = require('./state');
const { ports } = require('./ports');
const { threeRule, library } = require('./three-rule');
const { watch } = require('./watch');
const { growth } = require('./growth');
const { scans } = require('./scans');
const { scanProfile } = require('./scan-profile');

const ROOT = path.resolve(__dirname, '..');

/** The sections, in the order they run. */
const SECTIONS = [
  { name: 'ports', run: ports },
  { name: 'three-rule', run: threeRule },
  { name: 'library', run: library },
  { name: 'watch', run: watch },
  { name: 'growth', run: growth },
  { name: 'scans', run: scans },
  { name: 'scan-profile', run: scanProfile },
];

const fmt = (/** @type {number} */ ms) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const mb = (/** @type {number | undefined} */ x) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);
const minutes = (/** @type {number} */ ms) => `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;

/** Command-line options. */
function options(argv = process.argv.slice(2)) {
  const known = new Set(['--quick', '--only', '--fresh', '--no-drivers', '--keep-work']);
  const o = {
    quick: false,
    only: /** @type {string[] | undefined} */ (undefined),
    fresh: false,
    noDrivers: false,
    keepWork: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!known.has(a)) throw new Error(`bench: unknown option ${a} (options: ${[...known].join(', ')})`);
    if (a === '--only') {
      const v = argv[++i];
      const names = (v ?? '').split(',').filter(Boolean);
      const bad = names.filter((n) => !SECTIONS.some((s) => s.name === n));
      if (!names.length || bad.length)
        throw new Error(
          `bench: --only takes section names, comma-separated: ${SECTIONS.map((s) => s.name).join(', ')}${bad.length ? ` (not a section: ${bad.join(', ')})` : ''}`,
        );
      o.only = names;
    } else if (a === '--quick') o.quick = true;
    else if (a === '--fresh') o.fresh = true;
    else if (a === '--no-drivers') o.noDrivers = true;
    else o.keepWork = true;
  }
  return o;
}

async function main() {
  const t0 = L.now();
  const opt = options();
  const CORPUS = process.env.XENPORT_CORPUS || path.resolve(ROOT, '..', 'shared', 'corpus');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js')))
    throw new Error('bench: no dist/: run `npm run build` first (npm run bench does)');
  const writesDoc = !opt.quick && !opt.only && !opt.noDrivers;
  // Only a full run is resumable: it is the one that writes the document and then forgets its state.
  const st = writesDoc ? openState('full', fingerprint(ROOT, 'full'), opt.fresh) : undefined;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-bench-'));
  L.log(`work folder ${work}`);
  const peers = { cocci: L.coccinelle(), sg: L.astGrep(), linux: L.linuxDrivers() };
  /** @type {string[]} */
  const out = [];
  const ctx = {
    ROOT,
    CORPUS,
    BIN: path.join(ROOT, 'bin', 'xenport.js'),
    xp: require(path.join(ROOT, 'dist', 'index.js')),
    scanLib: require(path.join(ROOT, 'dist', 'scan')),
    quick: opt.quick,
    noDrivers: opt.noDrivers,
    N_PROC: opt.quick ? 5 : 11,
    N_LIB: opt.quick ? 20 : 60,
    work,
    peers,
    fmt,
    mb,
    /** @type {(s?: string) => void} */
    say: (s = '') => (out.push(s), console.log(s)),
  };
  const { say } = ctx;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  say('# xenport performance');
  say();
  say(
    `Generated by \`npm run bench\` (bench/run.js) on ${new Date().toISOString().slice(0, 10)}${opt.quick ? ' with --quick (fewer repetitions: for development, not the figures of record)' : ''}. Reproduce: \`npm run bench\`; one section: \`npm run bench -- --only <name>\` (${SECTIONS.map((s) => s.name).join(', ')}).`,
  );
  say();
  say(
    `Machine: ${cores} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, load average at start ${os.loadavg()[0].toFixed(2)}; Node ${process.version}. The machine is shared: absolute times move from run to run, so every target is a ratio between runs made in the same rounds, or an in-process time.`,
  );
  say();
  say(
    `Peers: Coccinelle ${peers.cocci.version ?? `skipped (${peers.cocci.skipped})`}; ast-grep ${peers.sg.version ?? `skipped (${peers.sg.skipped})`}; Linux 6.1 sources ${peers.linux.dir ? 'from the linux-source-6.1 package' : `skipped (${peers.linux.skipped})`}.`,
  );
  say();
  /** @type {Array<{ name: string, targets: Array<{ text: string, pass?: boolean }>, ms: number, resumed: boolean }>} */
  const done = [];
  for (const s of SECTIONS) {
    if (opt.only && !opt.only.includes(s.name)) continue;
    const saved = st?.state.sections[s.name];
    if (saved) {
      L.log(`section ${s.name}: from the interrupted run of ${saved.at} (same build; --fresh to measure again)`);
      for (const l of saved.lines) say(l);
      done.push({ name: s.name, targets: saved.targets, ms: saved.ms, resumed: true });
      continue;
    }
    L.log(`section ${s.name}`);
    const from = out.length;
    const ts = L.now();
    const r = await s.run(ctx);
    const ms = L.now() - ts;
    L.log(`section ${s.name}: ${minutes(ms)}`);
    st?.save(s.name, { lines: out.slice(from), targets: r.targets, ms, at: new Date().toISOString() });
    done.push({ name: s.name, targets: r.targets, ms, resumed: false });
  }
  say('## Targets (issue 14)');
  say();
  for (const d of done)
    for (const t of d.targets) say(`- ${t.text}: ${t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'MISS'}`);
  say();
  const total = L.now() - t0;
  const summed = done.reduce((a, d) => a + d.ms, 0);
  const resumed = done.filter((d) => d.resumed).map((d) => d.name);
  say(
    `The bench took ${minutes(total)} in this process${resumed.length ? `, ${minutes(summed)} summed over its sections (resumed: ${resumed.join(', ')} from an interrupted run)` : ''}; load average at the end ${os.loadavg()[0].toFixed(2)}. Sections: ${done.map((d) => `${d.name} ${minutes(d.ms)}`).join(', ')}.`,
  );
  say();
  if (writesDoc) {
    const notes = path.join(__dirname, 'NOTES.md');
    if (fs.existsSync(notes)) (say(fs.readFileSync(notes, 'utf8').trim()), say());
    fs.writeFileSync(path.join(ROOT, 'docs', 'PERFORMANCE.md'), `${out.join('\n').trim()}\n`);
    st?.clear();
    L.log('wrote docs/PERFORMANCE.md');
  } else L.log(`docs/PERFORMANCE.md not written (${opt.quick ? '--quick' : opt.only ? '--only' : '--no-drivers'})`);
  if (opt.keepWork) L.log(`kept the work folder ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
