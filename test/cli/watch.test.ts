/**
 * `xenport watch`, run as a process: it ports at start, ports again when a rule file changes
 * (printing the diff against the previous run), does not run again after its own write, and
 * Ctrl-C (SIGINT) ends it with exit 0 and no file left behind but the output.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(ROOT, 'test', 'reliability', 'cli-child.js');

/** Resolves once `text()` matches, rejects after `ms`. */
function waitFor(text: () => string, re: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      if (re.test(text())) resolve();
      else if (Date.now() - t0 > ms) reject(new Error(`timed out waiting for ${re}; got:\n${text()}`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

test('regenerates after a rule change, prints the diff, exits 0 on SIGINT', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-watch-'));
  let child: ReturnType<typeof spawn> | undefined;
  try {
    fs.cpSync(path.join(ROOT, 'corpus', 'example', 'rules'), path.join(dir, 'rules'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'corpus', 'example', 'linux.c'), path.join(dir, 'linux.c'));
    const out = path.join(dir, 'out.c');
    child = spawn(process.execPath, [CHILD, 'watch', path.join(dir, 'linux.c'), '--rules', path.join(dir, 'rules'), '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (b) => (stdout += b));
    child.stderr!.on('data', (b) => (stderr += b));
    const proc = child;
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));

    await waitFor(() => stderr, /watching for changes/, 60000);
    expect(stderr).toMatch(/watch: run 1 \(start\): exit 0/);
    const first = fs.readFileSync(out, 'utf8');
    expect(first).toContain('xzalloc_bytes(sizeof(*iommu));');

    const api = path.join(dir, 'rules', 'api.yaml');
    fs.writeFileSync(api, fs.readFileSync(api, 'utf8').replace('with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"'));
    await waitFor(() => stderr, /watch: run 2 \(change\): exit 0/, 30000);
    // stdout and stderr are separate pipes: the diff may arrive after the run line.
    await waitFor(() => stdout, /^\+.*\+ 1\);/m, 10000);
    expect(stdout).toMatch(/^-\s*iommu = xzalloc_bytes\(sizeof\(\*iommu\)\);/m);
    expect(stdout).toMatch(/^\+\s*iommu = xzalloc_bytes\(sizeof\(\*iommu\) \+ 1\);/m);
    expect(fs.readFileSync(out, 'utf8')).toContain('xzalloc_bytes(sizeof(*iommu) + 1);');

    // Its own write of the output starts no run; a change that leaves every input as it was neither.
    fs.writeFileSync(api, fs.readFileSync(api, 'utf8'));
    await new Promise((r) => setTimeout(r, 600));
    expect(stderr).not.toMatch(/watch: run 3/);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/watch: stopped/);
    expect(fs.readdirSync(dir).sort()).toEqual(['linux.c', 'out.c', 'rules']);
  } finally {
    // A failed expectation must not leave the watcher running (Jest would wait for it).
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120000);
