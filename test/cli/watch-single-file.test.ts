/**
 * `xenport watch --rules <single-file.yaml>`, run as a process: the rule file is watched as a file
 * (its folder is watched, not listed), so an edit of it, written in place or replaced by a rename as
 * editors do, regenerates the output and prints the diff; a new file elsewhere in its folder does not.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnWatch, waitFor } from './edit-wait';

const RULE = (callee: string) => `rules:
  - id: kfree-to-xfree
    kind: replace
    reason: Xen frees with xfree
    comment: none
    pattern: "kfree($P)"
    with: "${callee}($P)"
    expect: ">=1"
`;

test('watch --rules r.yaml: an edit of the rule file, in place or by rename, regenerates the output', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-watch-file-'));
  let child: ReturnType<typeof spawnWatch>['child'] | undefined;
  try {
    const rule = path.join(dir, 'r.yaml');
    fs.writeFileSync(rule, RULE('xfree'));
    fs.writeFileSync(path.join(dir, 'drv.c'), 'static void f(int *p)\n{\n\tkfree(p);\n}\n');
    const out = path.join(dir, 'out.c');
    const w = spawnWatch([path.join(dir, 'drv.c'), '--rules', rule, '-o', out]);
    child = w.child;
    const { stdout, stderr, exited } = w;

    await waitFor(stderr, /watching for changes/, 60000);
    expect(stderr()).toMatch(/watch: run 1 \(start\): exit 0/);
    expect(fs.readFileSync(out, 'utf8')).toContain('\txfree(p);');

    // Written in place.
    fs.writeFileSync(rule, RULE('xen_free'));
    await waitFor(stderr, /watch: run 2 \(change\): exit 0/, 30000);
    await waitFor(stdout, /^\+\s*xen_free\(p\);/m, 10000);
    expect(stdout()).toMatch(/^-\s*xfree\(p\);/m);
    expect(fs.readFileSync(out, 'utf8')).toContain('\txen_free(p);');

    // Replaced by a rename (the file's inode changes).
    const tmp = path.join(dir, '.r.yaml.swp');
    fs.writeFileSync(tmp, RULE('xen_free2'));
    fs.renameSync(tmp, rule);
    await waitFor(stderr, /watch: run 3 \(change\): exit 0/, 30000);
    await waitFor(stdout, /^\+\s*xen_free2\(p\);/m, 10000);
    expect(fs.readFileSync(out, 'utf8')).toContain('\txen_free2(p);');

    // Another file in the folder is not a rule file of this port: no run.
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'unrelated\n');
    await new Promise((r) => setTimeout(r, 600));
    expect(stderr()).not.toMatch(/watch: run 4/);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120000);
