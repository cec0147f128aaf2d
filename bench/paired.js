// @ts-check
/**
 * Paired whole-process measurements for the cold-run targets of issue 14 (SMMUv1 port at most 2.0x
 * `node -e 0`, SMMUv3 at most 3.0x, the three-rule task at least 2.0x faster than spatch), robust to
 * a shared machine whose speed moves during the run: every round runs each command once, in the
 * same order (A B C ... A B C ...), and the figure is the median over rounds of the ratio within a
 * round, for wall time and for CPU time (user + system, from GNU time when installed).
 *
 *   node bench/paired.js [rounds] [--base <checkout>] [--no-cache]
 *
 * `--base` also runs the same ports with another built checkout's bin/xenport.js and prints this
 * checkout's ratio to it. The compiled-rule cache is used as a user's repeated run would use it
 * (warmed by one run first) unless --no-cache. Needs `npm run build`.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const L = require('./lib');

const ROOT = path.resolve(__dirname, '..');
const CORPUS = process.env.XENPORT_CORPUS || path.resolve(ROOT, '..', 'shared', 'corpus');
const argv = process.argv.slice(2);
const rounds = Number(argv.find((a) => /^\d+$/.test(a))) || 9;
const baseAt = argv.indexOf('--base');
const BASE = baseAt >= 0 ? path.resolve(argv[baseAt + 1]) : undefined;
const noCache = argv.includes('--no-cache');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-paired-'));

const median = L.median;

/** The commands of one round: name, program, arguments. */
function commands() {
  const v1 = [
    'port',
    path.join(CORPUS, 'smmu-v1v2-2015/linux.c'),
    '--rules',
    path.join(ROOT, 'rules/smmu-v1v2'),
    '--xen',
    path.join(CORPUS, 'smmu-v1v2-2015/xen.c'),
    '--check',
    '-q',
  ];
  const v3 = [
    'port',
    path.join(CORPUS, 'smmu-v3-2021/xen-step2.c'),
    '--rules',
    path.join(ROOT, 'rules/smmu-v3-2021'),
    '--xen',
    path.join(CORPUS, 'smmu-v3-2021/xen.c'),
    '--check',
    '-q',
  ];
  const three = [
    'port',
    path.join(CORPUS, 'smmu-v1v2-2015/linux.c'),
    '--rules',
    path.join(ROOT, 'bench/three-rule/xenport'),
    '-o',
    path.join(work, 'three.c'),
    '-q',
  ];
  const extra = noCache ? ['--no-cache'] : [];
  const bin = (root) => path.join(root, 'bin', 'xenport.js');
  const list = [
    { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
    { name: 'SMMUv1', cmd: process.execPath, args: [bin(ROOT), ...v1, ...extra] },
    { name: 'SMMUv3', cmd: process.execPath, args: [bin(ROOT), ...v3, ...extra] },
    { name: 'three-rule', cmd: process.execPath, args: [bin(ROOT), ...three, ...extra] },
  ];
  if (BASE) {
    list.push({ name: 'SMMUv1 base', cmd: process.execPath, args: [bin(BASE), ...v1] });
    list.push({ name: 'SMMUv3 base', cmd: process.execPath, args: [bin(BASE), ...v3] });
    list.push({ name: 'three-rule base', cmd: process.execPath, args: [bin(BASE), ...three] });
  }
  const spatch = spawnSync('spatch', ['--version']).status === 0;
  if (spatch) {
    fs.copyFileSync(path.join(CORPUS, 'smmu-v1v2-2015/linux.c'), path.join(work, 'in.c'));
    list.push({
      name: 'spatch',
      cmd: 'spatch',
      args: [
        '--sp-file',
        path.join(ROOT, 'bench/three-rule/task.cocci'),
        path.join(work, 'in.c'),
        '-o',
        path.join(work, 'spatch.c'),
        '--very-quiet',
      ],
    });
  }
  return list;
}

/** Run once (bench/lib.js's `run`): wall and CPU milliseconds. */
function once(c) {
  const r = L.run(c.cmd, c.args);
  return { wall: r.ms, cpu: r.cpuMs ?? NaN, status: r.status };
}

function main() {
  const list = commands();
  for (const c of list) once(c); // warm the file cache and the compiled-rule cache
  const runs = Object.fromEntries(list.map((c) => [c.name, []]));
  for (let i = 0; i < rounds; i++) for (const c of list) runs[c.name].push(once(c));
  const ratio = (a, b, k) => median(runs[a].map((r, i) => r[k] / runs[b][i][k]));
  const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
  console.log(
    `paired, ${rounds} rounds, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}${noCache ? ', --no-cache' : ''}`,
  );
  for (const c of list.slice(1)) {
    const exit = runs[c.name][0].status;
    console.log(
      `${c.name.padEnd(16)} wall ${median(runs[c.name].map((r) => r.wall))
        .toFixed(0)
        .padStart(
          6,
        )} ms  ratio to node -e 0: wall ${f(ratio(c.name, 'node -e 0', 'wall'))}, cpu ${f(ratio(c.name, 'node -e 0', 'cpu'))}${exit ? ` (exit ${exit})` : ''}`,
    );
  }
  const targets = [
    ['SMMUv1', 2.0],
    ['SMMUv3', 3.0],
  ];
  for (const [n, max] of targets)
    console.log(
      `target: ${n} at most ${max.toFixed(1)}x node -e 0: ${f(ratio(n, 'node -e 0', 'wall'))} ${ratio(n, 'node -e 0', 'wall') <= max ? 'PASS' : 'MISS'}`,
    );
  if (runs.spatch) {
    const r = ratio('spatch', 'three-rule', 'wall');
    console.log(
      `target: three-rule at least 2.0x faster than spatch: spatch/xenport wall ${f(r)}, cpu ${f(ratio('spatch', 'three-rule', 'cpu'))} ${r >= 2 ? 'PASS' : 'MISS'}`,
    );
  }
  if (BASE)
    for (const n of ['SMMUv1', 'SMMUv3', 'three-rule'])
      console.log(
        `${n} against ${BASE}: wall ${f(ratio(n, `${n} base`, 'wall'))}, cpu ${f(ratio(n, `${n} base`, 'cpu'))}`,
      );
  fs.rmSync(work, { recursive: true, force: true });
}

main();
