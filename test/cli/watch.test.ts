/**
 * `xenport watch`, run as a process: it ports at start, ports again when a rule file changes
 * (printing the diff against the previous run), does not run again after its own write, and
 * Ctrl-C (SIGINT) ends it with exit 0 and no file left behind but the output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { exampleRulesCopy, spawnWatch, waitFor } from './edit-wait';

const ROOT = path.resolve(__dirname, '..', '..');

test('regenerates after a rule change, prints the diff, exits 0 on SIGINT', async () => {
  const { dir, rules } = exampleRulesCopy('xenport-watch-');
  let child: ReturnType<typeof spawnWatch>['child'] | undefined;
  try {
    fs.copyFileSync(path.join(ROOT, 'corpus', 'example', 'linux.c'), path.join(dir, 'linux.c'));
    const out = path.join(dir, 'out.c');
    const w = spawnWatch([path.join(dir, 'linux.c'), '--rules', rules, '-o', out]);
    child = w.child;
    const { stdout, stderr, exited } = w;
    await waitFor(stderr, /watching for changes/, 60000);
    expect(stderr()).toMatch(/watch: run 1 \(start\): exit 0/);
    const first = fs.readFileSync(out, 'utf8');
    expect(first).toContain('xzalloc_bytes(sizeof(*iommu));');

    const api = path.join(dir, 'rules', 'api.yaml');
    fs.writeFileSync(
      api,
      fs.readFileSync(api, 'utf8').replace('with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"'),
    );
    await waitFor(stderr, /watch: run 2 \(change\): exit 0/, 30000);
    // stdout and stderr are separate pipes: the diff may arrive after the run line.
    await waitFor(stdout, /^\+.*\+ 1\);/m, 10000);
    expect(stdout()).toMatch(/^-\s*iommu = xzalloc_bytes\(sizeof\(\*iommu\)\);/m);
    expect(stdout()).toMatch(/^\+\s*iommu = xzalloc_bytes\(sizeof\(\*iommu\) \+ 1\);/m);
    expect(fs.readFileSync(out, 'utf8')).toContain('xzalloc_bytes(sizeof(*iommu) + 1);');

    // Its own write of the output starts no run; a change that leaves every input as it was neither.
    fs.writeFileSync(api, fs.readFileSync(api, 'utf8'));
    await new Promise((r) => setTimeout(r, 600));
    expect(stderr()).not.toMatch(/watch: run 3/);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr()).toMatch(/watch: stopped/);
    expect(fs.readdirSync(dir).sort()).toEqual(['linux.c', 'out.c', 'rules']);
  } finally {
    // A failed expectation must not leave the watcher running (Jest would wait for it).
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120000);
