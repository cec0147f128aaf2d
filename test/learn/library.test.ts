/**
 * `xenport learn --library`: a group of a rule library is included in the learned port in place
 * of the learned rules it covers, only when the real port() still regenerates the Xen file (a
 * group that also edits text the Xen file keeps is left out); the include path is written relative
 * to the port folder; the default library is the rules/xen-api shipped with xenport. Made-up files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { runCli } from '../cli/run-cli';

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;

const LINUX = `#include <linux/slab.h>
#include <linux/delay.h>

struct foo {
\tint *buf;
\tint n;
};

static void foo_free(struct foo *f)
{
\tkfree(f->buf);
\tkfree(f);
}

static void foo_wait(struct foo *f)
{
\tf->n++;
\tudelay(10);
}

static void foo_wait_more(struct foo *f)
{
\tf->n--;
\tudelay(20);
}
`;
// Xen frees with xfree everywhere, but rewrites only the first udelay.
const XEN = LINUX.replace(/kfree\(/g, 'xfree(')
  .replace('udelay(10)', 'xdelay(10)')
  .replace('<linux/slab.h>', '<xen/xmalloc.h>');

/** A library of two groups, each one rule file. */
function writeLibrary(lib: string): void {
  const group = (name: string, id: string, reason: string, pattern: string, w: string): void => {
    fs.mkdirSync(path.join(lib, name), { recursive: true });
    fs.writeFileSync(path.join(lib, name, 'port.yaml'), `name: tiny-${name}\nrules: [${name}.yaml]\n`);
    fs.writeFileSync(
      path.join(lib, name, `${name}.yaml`),
      YAML.stringify({
        defaults: { comment: 'none', expect: '>=0' },
        rules: [{ id, kind: 'replace', reason, pattern, with: w }],
      }),
    );
  };
  group('free', 'lib-kfree', 'Xen frees with xfree', 'kfree($P)', 'xfree($P)');
  group('delay', 'lib-udelay', 'Xen spells it xdelay', 'udelay($N)', 'xdelay($N)');
  fs.writeFileSync(path.join(lib, 'port.yaml'), 'name: tiny-lib\ninclude: [free, delay]\nrules: []\n');
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-learn-library-'));
  fs.writeFileSync(path.join(dir, 'linux.c'), LINUX);
  fs.writeFileSync(path.join(dir, 'xen.c'), XEN);
  writeLibrary(path.join(dir, 'lib'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  const r = await runCli(...args);
  expect(r.err).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  return r;
}

/** Learn the made-up pair into `out`, with further options. */
const learnTo = (out: string, ...more: string[]): Promise<{ code: number; err: string }> =>
  cli(['learn', path.join(dir, 'linux.c'), path.join(dir, 'xen.c'), '-o', out, ...more]);

type Manifest = { include?: Array<string | { path: string }>; rules: string[] };
const manifest = (port: string): Manifest =>
  YAML.parse(fs.readFileSync(path.join(port, 'port.yaml'), 'utf8')) as Manifest;
function ownRules(port: string): Array<Record<string, unknown>> {
  return manifest(port).rules.flatMap(
    (f) => (YAML.parse(fs.readFileSync(path.join(port, f), 'utf8')) as { rules: Array<Record<string, unknown>> }).rules,
  );
}

describe('xenport learn --library', () => {
  it('includes the group that explains a change in place of the learned rule, and not the group that would break the port', async () => {
    const out = path.join(dir, 'ports', 'foo');
    const l = await learnTo(out, '--library', path.join(dir, 'lib'));
    expect(l.code).toBe(0);
    expect(l.err).toMatch(/\(free\) included in place of 1 learned rules/);
    // Relative to the port folder, so the two folders can move together.
    expect(manifest(out).include).toEqual(['../../lib/free']);
    const rules = ownRules(out);
    // No learned rule rewrites kfree any more: the library's rule does.
    expect(rules.some((r) => /kfree/.test(`${String(r.pattern)}${String(r.query)}`))).toBe(false);
    // The delay group would also rewrite udelay(20), which Xen keeps: the learned local rule stays.
    expect(rules.some((r) => r.pattern === 'udelay(10)' && r.with === 'xdelay(10)')).toBe(true);
    const [linux, xen] = [path.join(dir, 'linux.c'), path.join(dir, 'xen.c')];
    expect((await cli(['port', linux, '--rules', out, '--xen', xen, '--check', '-q'])).code).toBe(0);
  });

  it('is deterministic', async () => {
    for (const o of ['a', 'b'])
      expect((await learnTo(path.join(dir, o), '--library', path.join(dir, 'lib'))).code).toBe(0);
    for (const f of fs.readdirSync(path.join(dir, 'a')))
      expect(fs.readFileSync(path.join(dir, 'b', f), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'a', f), 'utf8'));
  });

  it("uses xenport's rules/xen-api by default", async () => {
    const out = path.join(dir, 'port');
    const l = await learnTo(out);
    expect(l.code).toBe(0);
    const inc = (manifest(out).include ?? []).map((e) => path.resolve(out, typeof e === 'string' ? e : e.path));
    expect(inc).toEqual([path.join(ROOT, 'rules', 'xen-api', 'alloc')]);
    expect(ownRules(out).some((r) => /kfree/.test(String(r.pattern)))).toBe(false);
  });

  it('refuses a library folder without port.yaml, writing nothing', async () => {
    const out = path.join(dir, 'port');
    const l = await learnTo(out, '--library', path.join(dir, 'nope'));
    expect(l.code).not.toBe(0);
    expect(l.err).toMatch(/XP100.*nope has no port\.yaml/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('limits the group to the files of the pairs it explains in a split driver (files:)', async () => {
    const h =
      '#include <linux/types.h>\n\nstruct bar {\n\tint id;\n};\n\nstatic inline void bar_wait(void)\n{\n\tudelay(1);\n}\n';
    const [lh, xh] = [path.join(dir, 'linux.h'), path.join(dir, 'xen.h')];
    fs.writeFileSync(lh, h);
    fs.writeFileSync(xh, h.replace('<linux/types.h>', '<xen/types.h>'));
    const out = path.join(dir, 'port');
    expect((await learnTo(out, lh, xh, '--library', path.join(dir, 'lib'))).code).toBe(0);
    expect(manifest(out).include).toEqual([{ path: '../lib/free', files: ['*.c'] }]);
    for (const [l, x] of [
      [path.join(dir, 'linux.c'), path.join(dir, 'xen.c')],
      [lh, xh],
    ])
      expect((await cli(['port', l, '--rules', out, '--xen', x, '--check', '-q'])).code).toBe(0);
  });
});
