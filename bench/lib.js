// @ts-check
/**
 * Benchmark helpers: medians, timed child processes with peak memory (GNU time), and the peers
 * (Coccinelle, ast-grep, Linux 6.1 sources) installed on demand into a cache outside the project
 * ($XENPORT_BENCH_CACHE, default ~/.cache/xenport-bench). Nothing here is committed output.
 */
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/** Cache folder for peers and Linux sources. */
const CACHE = process.env.XENPORT_BENCH_CACHE || path.join(os.homedir(), '.cache', 'xenport-bench');
/** ast-grep version installed by the bench (pinned so figures are reproducible). */
const AST_GREP_VERSION = '0.51.1';

/** Median of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds since an arbitrary origin. */
const now = () => Number(process.hrtime.bigint()) / 1e6;

const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Run a command; returns wall ms, peak RSS in MB and CPU ms (user + system; when GNU time exists), status and output.
 * @param {string} cmd @param {string[]} args @param {{cwd?: string, env?: NodeJS.ProcessEnv}} [o]
 */
function run(cmd, args, o = {}) {
  const t0 = now();
  const r = GNU_TIME
    ? cp.spawnSync(GNU_TIME, ['-f', '@@TIME %e %M %U %S', cmd, ...args], {
        cwd: o.cwd,
        env: o.env,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      })
    : cp.spawnSync(cmd, args, { cwd: o.cwd, env: o.env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = now() - t0;
  let stderr = r.stderr || '';
  let peakMB;
  let cpuMs;
  const m = /@@TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (m) {
    peakMB = Number(m[2]) / 1024;
    cpuMs = (Number(m[3]) + Number(m[4])) * 1000;
    stderr = stderr.slice(0, m.index);
  }
  return { ms, peakMB, cpuMs, status: r.status, stdout: r.stdout || '', stderr };
}

/** Output of a command, or undefined when it cannot run. @param {string} cmd @param {string[]} args */
function tryOutput(cmd, args) {
  const r = cp.spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim() : undefined;
}

/** Log a line on stderr (progress of the bench itself). @param {string} s */
const log = (s) => process.stderr.write(`bench: ${s}\n`);

/** Try apt-get install (root only). @param {string} pkg */
function aptInstall(pkg) {
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return `not root: run 'apt-get install -y ${pkg}'`;
  if (!tryOutput('apt-get', ['--version'])) return 'apt-get not available';
  log(`apt-get install -y ${pkg}`);
  const r = cp.spawnSync('apt-get', ['install', '-y', pkg], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `apt-get install ${pkg} failed: ${(r.stderr || '').trim().split('\n').pop()}`;
}

/** Coccinelle's spatch: { bin, version } or { skipped }. */
function coccinelle() {
  let v = tryOutput('spatch', ['--version']);
  if (!v) {
    const why = aptInstall('coccinelle');
    if (why) return { skipped: why };
    v = tryOutput('spatch', ['--version']);
  }
  return v ? { bin: 'spatch', version: v.split('\n')[0] } : { skipped: 'spatch not found after install' };
}

/** ast-grep from npm, installed into the cache: { bin, version } or { skipped }. */
function astGrep() {
  const dir = path.join(CACHE, 'peers');
  const bin = path.join(dir, 'node_modules', '.bin', 'ast-grep');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'package.json')))
      fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
    log(`npm install @ast-grep/cli@${AST_GREP_VERSION} into ${dir}`);
    const r = cp.spawnSync('npm', ['install', '--save-exact', `@ast-grep/cli@${AST_GREP_VERSION}`], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (r.status !== 0)
      return { skipped: `npm install @ast-grep/cli failed: ${(r.stderr || '').trim().split('\n').pop()}` };
  }
  const v = tryOutput(bin, ['--version']);
  return v ? { bin, version: v } : { skipped: 'ast-grep binary does not run on this platform' };
}

/** Linux 6.1 drivers/ extracted into the cache: { dir } (the drivers folder) or { skipped }. */
function linuxDrivers() {
  const tarball = '/usr/src/linux-source-6.1.tar.xz';
  if (!fs.existsSync(tarball)) {
    const why = aptInstall('linux-source-6.1');
    if (why) return { skipped: why };
  }
  // Named after the tarball's size and time: another 6.1.x package is extracted anew.
  const st = fs.statSync(tarball);
  const root = path.join(CACHE, 'linux', `${st.size}-${Math.floor(st.mtimeMs)}`);
  const drivers = path.join(root, 'linux-source-6.1', 'drivers');
  if (fs.existsSync(path.join(drivers, 'iommu'))) return { dir: drivers };
  fs.mkdirSync(root, { recursive: true });
  log(`extracting drivers/ from ${tarball}`);
  const r = cp.spawnSync('tar', ['-xJf', tarball, '-C', root, 'linux-source-6.1/drivers'], { encoding: 'utf8' });
  return r.status === 0 ? { dir: drivers } : { skipped: `tar failed: ${r.stderr.trim()}` };
}

/**
 * Paired whole-process runs: `rounds` rounds, each running every tool once, the order rotated
 * round by round (A B C, B C A, ...), so a change of the machine's speed hits every tool alike.
 * `before(tool)` runs untimed before each timed run (to reset an output file). Throws when a tool
 * exits other than with `status` (default 0). Returns each tool's times, round by round.
 * @param {Array<{ name: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv, status?: number | null,
 *   before?: () => void }>} tools
 * @param {number} rounds
 * @returns {Record<string, number[]>}
 */
function paired(tools, rounds) {
  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(tools.map((t) => [t.name, []]));
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < tools.length; k++) {
      const t = tools[(i + k) % tools.length];
      t.before?.();
      const r = run(t.cmd, t.args, { env: t.env });
      if (r.status !== (t.status ?? 0))
        throw new Error(`${t.name} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      times[t.name].push(r.ms);
    }
  }
  return times;
}

/** Median of the per-round ratios a[i] / b[i] (paired runs). @param {number[]} a @param {number[]} b */
function pairedRatio(a, b) {
  return median(a.map((x, i) => x / b[i]));
}

/**
 * How many times to repeat a measurement: `n`, or fewer once `budgetMs` has passed since `start`
 * (at least `min`), so that a section's time stays bounded on a slow or busy machine.
 * @param {number} i repetitions done @param {number} n @param {number} start @param {number} budgetMs @param
 * {number} [min]
 */
function more(i, n, start, budgetMs, min = 10) {
  return i < n && (i < min || now() - start < budgetMs);
}

module.exports = {
  CACHE,
  AST_GREP_VERSION,
  median,
  now,
  run,
  more,
  paired,
  pairedRatio,
  tryOutput,
  log,
  coccinelle,
  astGrep,
  linuxDrivers,
};
