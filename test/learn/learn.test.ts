/**
 * `xenport learn`: the learned port regenerates the Xen file byte for byte (checked with the real
 * `xenport port --check`), passes `rules check`, is deterministic, holds readable rules (an
 * includes rule, #if 0 regions with the Xen reason, a repeated change as one counted rule), copies
 * no Xen-written code, and refuses bad input without writing anything. `--adopt` turns a hand
 * edit of the Xen file into a reviewed rule file after which the port passes --check.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';
import { externalCorpus } from '../../src/golden';

const ROOT = path.resolve(__dirname, '..', '..');
const LINUX = path.join(ROOT, 'corpus/example/linux.c');
const XEN = path.join(ROOT, 'corpus/example/xen.c');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-learn-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const c = bufferConsole();
  const code = await main(args, c);
  expect(c.err).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  return { code, err: c.err, out: c.out };
}

type RuleY = Record<string, unknown>;
function rulesOf(port: string): RuleY[] {
  const m = YAML.parse(fs.readFileSync(path.join(port, 'port.yaml'), 'utf8')) as { rules: string[] };
  return m.rules.flatMap((f) => (YAML.parse(fs.readFileSync(path.join(port, f), 'utf8')) as { rules: RuleY[] }).rules);
}

function files(d: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(d)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(d, f), 'utf8')]),
  );
}

describe('xenport learn on the example port', () => {
  it('writes a port that regenerates the Xen file byte for byte and passes rules check', async () => {
    const out = path.join(dir, 'port');
    const l = await cli(['learn', LINUX, XEN, '-o', out]);
    expect(l.err).toMatch(/byte for byte/);
    expect(l.code).toBe(0);
    expect((await cli(['port', LINUX, '--rules', out, '--xen', XEN, '--check', '-q'])).code).toBe(0);
    expect((await cli(['rules', 'check', out])).code).toBe(0);
    const rules = rulesOf(out);
    // The include run is one includes rule; #if 0 regions are disable rules with the Xen reason.
    expect(rules.filter((r) => r.kind === 'includes')).toHaveLength(1);
    expect(rules.some((r) => r.kind === 'disable' && r.reason === 'Xen is not modular')).toBe(true);
    // The five error returns of acme_probe that Xen rewrote the same way: one rule with its count.
    expect(
      rules.some(
        (r) => r.kind === 'replace' && r.pattern === 'return -ENODEV;' && typeof r.expect === 'number' && r.expect > 1,
      ),
    ).toBe(true);
    // Every rule carries its count and a comment saying what it was learned from.
    expect(rules.every((r) => r.expect !== undefined)).toBe(true);
    const text = Object.values(files(out)).join('\n');
    expect(text.match(/^ {2}# .+\n {2}- id:/gm)?.length).toBe(rules.length);
  });

  it('is deterministic', async () => {
    await cli(['learn', LINUX, XEN, '-o', path.join(dir, 'a')]);
    await cli(['learn', LINUX, XEN, '-o', path.join(dir, 'b')]);
    expect(files(path.join(dir, 'a'))).toEqual(files(path.join(dir, 'b')));
  });

  it('copies no run of Xen-only lines into the rules (blocks are carried from --xen)', async () => {
    const out = path.join(dir, 'port');
    await cli(['learn', LINUX, XEN, '-o', out]);
    const linux = new Set(
      fs
        .readFileSync(LINUX, 'utf8')
        .split('\n')
        .map((l) => l.trim()),
    );
    const xenOnly = new Set(
      fs
        .readFileSync(XEN, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !linux.has(l)),
    );
    for (const [name, text] of Object.entries(files(out))) {
      const ls = text.split('\n').map((l) =>
        l
          .trim()
          .replace(/^- /, '')
          .replace(/^["']|["']$/g, ''),
      );
      for (let i = 0; i + 3 <= ls.length; i++)
        expect([name, i, ls.slice(i, i + 3).every((l) => l && xenOnly.has(l))]).toEqual([name, i, false]);
    }
  });

  it('never writes into an existing folder without --force', async () => {
    const out = path.join(dir, 'port');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    const r = await cli(['learn', LINUX, XEN, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/XP601/);
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
    expect((await cli(['learn', LINUX, XEN, '-o', out, '--force'])).code).toBe(0);
    expect(fs.existsSync(path.join(out, 'keep.txt'))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('xenport learn: bad input', () => {
  const write = (name: string, content: string | Buffer): string => {
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const refused = async (args: string[], code: number, xp: string): Promise<string> => {
    const out = path.join(dir, 'port');
    const r = await cli(['learn', ...args, '-o', out]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(new RegExp(xp));
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(out)).toBe(false);
    return r.err;
  };
  it('refuses a Xen file that is not a port of the Linux file, saying how much matched', async () => {
    const other = write(
      'other.c',
      'static int g(void)\n{\n\treturn 1;\n}\n'.repeat(1).replace('g', 'unrelated') +
        '/* a different driver */\nstatic void h(int x)\n{\n\tx++;\n}\n',
    );
    const err = await refused([LINUX, other], 1, 'XP600');
    expect(err).toMatch(/only \d+% of its lines match/);
  });
  it('gives the same errors as port for empty, binary, missing and non-C inputs', async () => {
    await refused([write('empty.c', ''), XEN], 4, 'XP003');
    await refused([LINUX, write('bin.c', Buffer.from([0x7f, 0x45, 0x00, 0x01]))], 4, 'XP004');
    await refused([path.join(dir, 'missing.c'), XEN], 4, 'XP001');
    await refused(
      [write('prose.c', 'This is not C at all, only words.\nAnd more words here, for sure.\n'.repeat(20)), XEN],
      4,
      'XP005',
    );
  });
  it('reports a usage error for a missing -o', async () => {
    const r = await cli(['learn', LINUX, XEN]);
    expect(r.code).toBe(2);
  });
});

describe('xenport learn --adopt', () => {
  it('turns a hand edit of the Xen file into adopted.yaml, after which the port passes --check', async () => {
    const out = path.join(dir, 'port');
    expect((await cli(['learn', LINUX, XEN, '-o', out])).code).toBe(0);
    // A Xen-only commit to the generated file: a statement and a comment line in acme_reset.
    const edited = fs
      .readFileSync(XEN, 'utf8')
      .replace(
        '\tste = ACME_STE_ABORT;\n',
        '\tste = ACME_STE_ABORT;\n\t/* Xen: keep the stream table coherent */\n\tdsb(sy);\n',
      );
    const xen2 = path.join(dir, 'xen-edited.c');
    fs.writeFileSync(xen2, edited);
    const before = await cli(['port', LINUX, '--rules', out, '--xen', xen2, '--check', '-q']);
    expect(before.code).toBe(1);
    expect(before.err).toMatch(/XP300/);
    const a = await cli(['learn', '--adopt', LINUX, xen2, '-o', out]);
    expect(a.err).toMatch(/added \d+ rules/);
    expect(a.code).toBe(0);
    expect(YAML.parse(fs.readFileSync(path.join(out, 'port.yaml'), 'utf8')).rules).toContain('adopted.yaml');
    expect(rulesOf(out).length).toBeGreaterThan(0);
    expect((await cli(['port', LINUX, '--rules', out, '--xen', xen2, '--check', '-q'])).code).toBe(0);
    // A second adopt does not overwrite the file under review.
    expect((await cli(['learn', '--adopt', LINUX, xen2, '-o', out])).code).not.toBe(0);
  });
});

const corpus = externalCorpus();
describe('xenport learn: code Xen moved or rewrote', () => {
  const LIN = `#include <linux/kernel.h>

static int setup(int x)
{
\treturn x;
}

static int probe(void)
{
\tint ret;

\tret = setup(1);
\tif (ret)
\t\treturn ret;

\tret = setup(2);
\tif (ret)
\t\treturn ret;

\treturn 0;
}

static void release(int *p)
{
\t*p = 0;
\treturn;
}

static int last(void)
{
\treturn 0;
}
`;
  // Xen wrote its own function where release() was (a line diff pairs their `*p = ...;` and
  // `return` lines), and changed the second of two identical `return ret;` lines.
  const XN = LIN.replace('#include <linux/kernel.h>', '#include <xen/lib.h>')
    .replace(
      '\tret = setup(2);\n\tif (ret)\n\t\treturn ret;\n\n\treturn 0;\n}',
      '\tret = setup(2);\n\tif (ret)\n\t\tgoto out;\n\n\treturn 0;\nout:\n\treturn -1;\n}',
    )
    .replace(
      'static void release(int *p)\n{\n\t*p = 0;\n\treturn;\n}',
      'static int assign(int *p)\n{\n\t*p = 1;\n\treturn 0;\n}',
    );

  it('deletes the function Xen never names, carries its code as a block, and anchors a repeated statement on the one before', async () => {
    const lf = path.join(dir, 'drv.c');
    const xf = path.join(dir, 'xen-drv.c');
    fs.writeFileSync(lf, LIN);
    fs.writeFileSync(xf, XN);
    expect(XN).toContain('goto out;');
    expect(XN).toContain('static int assign');
    const out = path.join(dir, 'port');
    expect((await cli(['learn', lf, xf, '-o', out])).code).toBe(0);
    expect((await cli(['port', lf, '--rules', out, '--xen', xf, '--check', '-q'])).code).toBe(0);
    const rules = rulesOf(out);
    expect(rules.some((r) => r.kind === 'delete' && r.function === 'release')).toBe(true);
    const rewrite = rules.find(
      (r) => r.kind === 'replace' && typeof r.with === 'string' && (r.with as string).includes('goto out;'),
    );
    expect(rewrite?.pattern).toMatch(/^ret = setup\(2\);/);
    // assign() is Xen's: carried from --xen, never written into the rules.
    expect(Object.values(files(out)).join('\n')).not.toContain('*p = 1;');
  });
});

describe('xenport learn: a split driver (.c and .h pairs)', () => {
  const H =
    '#include <linux/types.h>\n\n#define DRV_MAX\t\t16\n#define DRV_MIN\t\t1\n\nstruct drv {\n\tint id;\n\tstruct device *dev;\n};\n';
  const XH =
    '#include <xen/types.h>\n\n#define DRV_MAX\t\t16\n\nstruct drv {\n\tint id;\n\tstruct device *dev;\n\tstruct domain *d;\n};\n';

  it('writes one port whose rules regenerate both Xen files, each rule restricted to its file', async () => {
    const w = (n: string, t: string): string => {
      fs.writeFileSync(path.join(dir, n), t);
      return path.join(dir, n);
    };
    const [lc, xc, lh, xh] = [
      w('drv.c', fs.readFileSync(LINUX, 'utf8')),
      w('xen-drv.c', fs.readFileSync(XEN, 'utf8')),
      w('drv.h', H),
      w('xen-drv.h', XH),
    ];
    const out = path.join(dir, 'port');
    expect((await cli(['learn', lc, xc, lh, xh, '-o', out])).code).toBe(0);
    expect((await cli(['port', lc, '--rules', out, '--xen', xc, '--check', '-q'])).code).toBe(0);
    expect((await cli(['port', lh, '--rules', out, '--xen', xh, '--check', '-q'])).code).toBe(0);
    const rules = rulesOf(out);
    expect(rules.every((r) => r.files === '*.c' || r.files === '*.h')).toBe(true);
    expect(rules.some((r) => r.files === '*.h' && r.kind === 'delete' && r.macro === 'DRV_MIN')).toBe(true);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('refuses a Linux file without its Xen file, writing nothing', async () => {
    const lh = path.join(dir, 'drv.h');
    fs.writeFileSync(lh, H);
    const out = path.join(dir, 'port');
    const r = await cli(['learn', LINUX, XEN, lh, '-o', out]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/drv\.h:1:1: .*has no Xen file/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

(corpus.present ? describe : describe.skip)('xenport learn on a real port (external corpus)', () => {
  it('learns the SMMUv3 2021 port byte for byte, deterministically', async () => {
    const linux = path.join(corpus.dir, 'smmu-v3-2021/xen-step2.c');
    const xen = path.join(corpus.dir, 'smmu-v3-2021/xen.c');
    const a = path.join(dir, 'v3-a');
    const b = path.join(dir, 'v3-b');
    expect((await cli(['learn', linux, xen, '-o', a])).code).toBe(0);
    expect((await cli(['port', linux, '--rules', a, '--xen', xen, '--check', '-q'])).code).toBe(0);
    expect((await cli(['learn', linux, xen, '-o', b])).code).toBe(0);
    expect(files(b)).toEqual(files(a));
    // Functions Xen replaced with its own code are deleted by name, not rewritten line by line.
    expect(
      rulesOf(a).some(
        (r) =>
          r.kind === 'delete' &&
          Array.isArray(r.function) &&
          (r.function as string[]).includes('arm_smmu_release_device'),
      ),
    ).toBe(true);
  });

  it('learns the UBSAN 2017 port byte for byte', async () => {
    const linux = path.join(corpus.dir, 'ubsan-2017/linux.c');
    const xen = path.join(corpus.dir, 'ubsan-2017/xen.c');
    const out = path.join(dir, 'ubsan');
    expect((await cli(['learn', linux, xen, '-o', out])).code).toBe(0);
    expect((await cli(['port', linux, '--rules', out, '--xen', xen, '--check', '-q'])).code).toBe(0);
    expect(rulesOf(out).some((r) => r.kind === 'includes')).toBe(true);
  });
});
