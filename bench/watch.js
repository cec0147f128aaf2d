// @ts-check
/**
 * `xenport watch` measured in process (issue 14, item 2): the SMMUv1 port (rules/smmu-v1v2 copied to
 * a work folder, with the corpus's Xen file as --xen) started once in a watch session
 * (dist/cli/watch-command.js, `watchSession`, the code `xenport watch` runs on each change event),
 * then a one-line rule change (the `with:` of messages.yaml's first rule, toggled between two
 * texts) followed by the session's check: the snapshot of the inputs and rule files, the reload
 * (only the changed rule file is compiled again), the port (unchanged texts are not parsed again),
 * the diff against the previous output and the write. Returns the median time of that work and the
 * time of the session's first run (cold, in process). Runnable alone: `node bench/watch.js [runs]`
 * (after `npm run build`), which also times a cold `xenport port` process of the same port and
 * prints the ratio.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * @param {{ corpus: string, runs?: number, work?: string }} o
 * @returns {{ firstMs: number, changeMs: number, runs: number, exitCodes: number[] } | { skipped: string }}
 */
function watchRegeneration(o) {
  const linux = path.join(o.corpus, 'smmu-v1v2-2015', 'linux.c');
  const xen = path.join(o.corpus, 'smmu-v1v2-2015', 'xen.c');
  if (!fs.existsSync(linux)) return { skipped: `corpus not found at ${o.corpus}` };
  const work = fs.mkdtempSync(path.join(o.work ?? os.tmpdir(), 'xenport-watch-bench-'));
  try {
    const rules = path.join(work, 'rules');
    fs.cpSync(path.join(ROOT, 'rules', 'smmu-v1v2'), rules, { recursive: true });
    const ruleFile = path.join(rules, 'messages.yaml');
    const original = fs.readFileSync(ruleFile, 'utf8');
    const from = String.raw`with: '"\tstream matching with %u register groups, mask 0x%x\n"'`;
    const to = String.raw`with: '"\tstream matching with %u register groups, mask 0x%x (watch)\n"'`;
    if (!original.includes(from)) return { skipped: 'messages.yaml no longer has the line this measurement changes' };
    const { watchSession } = require(path.join(ROOT, 'dist', 'cli', 'watch-command.js'));
    const codes = [];
    const quiet = {
      stdout() {},
      stderr(/** @type {string} */ t) {
        const m = /exit (\d+)/.exec(t);
        if (m) codes.push(Number(m[1]));
      },
    };
    const args = {
      input: linux,
      rules,
      xen,
      output: path.join(work, 'out.c'),
      check: false,
      diff: false,
      stdout: false,
      json: false,
      force: false,
      dropHandEdits: true,
      quiet: true,
      verbose: false,
    };
    const session = watchSession(args, quiet);
    let t = process.hrtime.bigint();
    session.run('start');
    const firstMs = Number(process.hrtime.bigint() - t) / 1e6;
    const ms = [];
    const runs = o.runs ?? 20;
    for (let i = 0; i < runs; i++) {
      fs.writeFileSync(ruleFile, i % 2 === 0 ? original.replace(from, to) : original);
      t = process.hrtime.bigint();
      const ran = session.check();
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!ran) throw new Error('watch bench: the session saw no change after a rule edit');
    }
    // The first few changes compile code paths the start did not take; the median is of the rest.
    return { firstMs, changeMs: median(ms.slice(Math.min(5, ms.length - 1))), runs, exitCodes: [...new Set(codes)] };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

module.exports = { watchRegeneration };

if (require.main === module) {
  const corpus = process.env.XENPORT_CORPUS || path.resolve(ROOT, '..', 'shared', 'corpus');
  const runs = Number(process.argv[2]) || 20;
  const r = watchRegeneration({ corpus, runs });
  if ('skipped' in r) {
    console.log(`watch: skipped (${r.skipped})`);
  } else {
    const { spawnSync } = require('child_process');
    const cold = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      spawnSync(process.execPath, [
        path.join(ROOT, 'bin', 'xenport.js'),
        'port',
        path.join(corpus, 'smmu-v1v2-2015', 'linux.c'),
        '--rules',
        path.join(ROOT, 'rules', 'smmu-v1v2'),
        '--xen',
        path.join(corpus, 'smmu-v1v2-2015', 'xen.c'),
        '--check',
        '-q',
      ]);
      cold.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const c = median(cold);
    console.log(
      `watch, SMMUv1 after a one-line rule change: ${r.changeMs.toFixed(1)} ms of work in process (median of ${r.runs - 5}; exit codes ${r.exitCodes.join(',')}); the session's first run ${r.firstMs.toFixed(0)} ms; cold process ${c.toFixed(0)} ms; ratio to the cold process ${(r.changeMs / c).toFixed(3)}; target under 20 ms: ${r.changeMs < 20 ? 'PASS' : 'MISS'}`,
    );
  }
}
