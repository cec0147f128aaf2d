/**
 * `npm run robustness -- [--src <linux-tree>] [--rules <port-dir>] [--jobs N] [--limit N]
 * [--filter <text>] [--timeout <s>] [--recycle N] [--report <file.md>] [--json <file>]`
 *
 * Ports every `.c` file under Linux 6.1 `drivers/` (Debian's linux-source-6.1, extracted on first
 * use; see ./linux.ts) with a rule set (default rules/xen-api), writing into a temporary folder.
 * Files are spread over worker processes (one per core), which are recycled every N files so that
 * memory stays bounded; a worker that dies or hangs is replaced and its file counted as a crash.
 * Prints a Markdown summary (./report.ts); exits 1 when any file crashed or broke a promise.
 */
import { ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureLinuxTree, listCFiles } from './linux';
import { LostFile, summarize } from './report';
import type { FileResult } from './worker';

const ROOT = path.resolve(__dirname, '..', '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Slot {
  child?: ChildProcess;
  file?: string;
  timer?: NodeJS.Timeout;
  handled: number;
}

async function run(): Promise<number> {
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const defaultRules = fs.existsSync(path.join(ROOT, 'rules', 'xen-api', 'port.yaml'))
    ? path.join('rules', 'xen-api')
    : path.join('test', 'reliability', 'fixtures', 'smmu-fuzz');
  const rules = path.resolve(ROOT, arg('rules') ?? defaultRules);
  const jobs = Number(arg('jobs') ?? os.cpus().length);
  const timeoutMs = Number(arg('timeout') ?? 120) * 1000;
  const recycle = Number(arg('recycle') ?? 1500);
  const root = ensureLinuxTree(arg('src'), log);
  let files = listCFiles(root);
  const filter = arg('filter');
  if (filter) files = files.filter((f) => f.includes(filter));
  if (arg('limit')) files = files.slice(0, Number(arg('limit')));
  log(`porting ${files.length} files with ${path.relative(ROOT, rules)} on ${jobs} workers`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-robustness-'));
  const results: FileResult[] = [];
  const lost: LostFile[] = [];
  let next = 0;
  let restarts = 0;
  let peakWorkerRss = 0;
  const t0 = Date.now();
  const register = path.join(ROOT, 'scripts', 'fuzz', 'ts-register.js');

  await new Promise<void>((resolve) => {
    const slots: Slot[] = Array.from({ length: jobs }, () => ({ handled: 0 }));
    let running = 0;
    const feed = (s: Slot): void => {
      if (next >= files.length) {
        s.child?.send({ stop: true });
        return;
      }
      s.file = files[next++];
      s.timer = setTimeout(() => {
        lost.push({ file: s.file as string, why: `hang: no result after ${timeoutMs / 1000} s` });
        s.file = undefined;
        s.child?.kill('SIGKILL');
      }, timeoutMs);
      s.child?.send({ file: s.file });
    };
    const start = (s: Slot, k: number): void => {
      const out = fs.mkdtempSync(path.join(tmp, `w${k}-`));
      const child = fork(path.join(__dirname, 'worker.ts'), [rules, root, out], {
        execArgv: ['--expose-gc', '-r', register],
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      s.child = child;
      s.handled = 0;
      running++;
      child.on('message', (m: FileResult | { ready: true }) => {
        if ('ready' in m) return feed(s);
        clearTimeout(s.timer);
        s.file = undefined;
        results.push(m);
        peakWorkerRss = Math.max(peakWorkerRss, m.rssMiB);
        if (results.length % 1000 === 0)
          log(`${results.length}/${files.length} files, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        if (++s.handled >= recycle && next < files.length) {
          child.send({ stop: true });
          return;
        }
        feed(s);
      });
      child.on('exit', (code, signal) => {
        running--;
        clearTimeout(s.timer);
        if (s.file) lost.push({ file: s.file, why: `worker died (${signal ?? `exit ${code}`})` });
        s.file = undefined;
        if (next < files.length) {
          restarts++;
          start(s, k);
        } else if (running === 0) resolve();
      });
    };
    slots.forEach(start);
  });

  fs.rmSync(tmp, { recursive: true, force: true });
  const wallS = (Date.now() - t0) / 1000;
  results.sort((a, b) => a.file.localeCompare(b.file));
  const command = `npm run robustness -- ${process.argv.slice(2).join(' ')}`.trim();
  const md = summarize(results, lost, {
    command,
    rules: path.relative(ROOT, rules),
    files: files.length,
    jobs,
    wallS,
    peakWorkerRssMiB: peakWorkerRss,
    parentRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    restarts,
  });
  process.stdout.write(md);
  const report = arg('report');
  if (report) fs.writeFileSync(report, md);
  const json = arg('json');
  if (json) fs.writeFileSync(json, JSON.stringify({ results, lost }, null, 1));
  return lost.length || results.some((r) => r.violation) ? 1 : 0;
}

run().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  },
);
