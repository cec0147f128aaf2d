/**
 * Rule files, manifests and block files stay inside the port's folders and are read with bounds
 * (issue 10, items 4, 6, 7, 8): a `rules:` entry or block that resolves elsewhere (`../..`, an
 * absolute path, a symbolic link out) is refused by name, its content never read nor printed; FIFOs,
 * devices and dangling links are refused without hanging or crashing (never exit 70); oversized
 * files are refused; invalid UTF-8 in a block is refused like the same byte in an input; quoted text
 * in messages is cut short, in --json too.
 */
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { cli, tempDir, writePort } from './helpers';

const SECRET = `-----BEGIN PRIVATE KEY-----\n${'QUJD'.repeat(2000)}\n-----END PRIVATE KEY-----\n`;
const C_FILE = 'int f(void)\n{\n\treturn OLD(1);\n}\n';
const OK_RULES =
  'rules:\n  - id: old-to-new\n    kind: replace\n    pattern: "OLD($X)"\n    with: "NEW($X)"\n    comment: none\n';
const BLOCK_RULES =
  'rules:\n  - id: glue\n    kind: insert\n    where: after\n    comment: none\n    function: f\n    block: glue\n';

let t: ReturnType<typeof tempDir>;
let input: string;
let secret: string;
beforeEach(() => {
  t = tempDir('xenport-confine-');
  input = path.join(t.dir, 'in.c');
  fs.writeFileSync(input, C_FILE);
  secret = path.join(t.dir, 'outside', 'id_rsa');
  fs.mkdirSync(path.dirname(secret));
  fs.writeFileSync(secret, SECRET);
});
afterEach(() => t.cleanup());

/** A port folder whose port.yaml lists `entries` as rule files (written as given). */
function portListing(...entries: string[]): string {
  const dir = path.join(t.dir, 'port');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'port.yaml'),
    `name: p\nrules:\n${entries.map((e) => `  - ${JSON.stringify(e)}\n`).join('')}`,
  );
  return dir;
}

const run = (rules: string, ...more: string[]) => cli('port', input, '--rules', rules, '--stdout', ...more);
const leaks = (s: string): boolean => s.includes('QUJDQUJD') || s.includes('PRIVATE KEY');

describe('rule files must stay inside the port folders', () => {
  test.each([
    ['a relative path out', (dir: string) => path.relative(dir, secret)],
    ['an absolute path', () => secret],
    ['/etc/passwd by ../', (dir: string) => `${path.relative(dir, '/').split(path.sep).join('/')}/etc/passwd`],
  ])('%s: XP120 naming the entry, exit 3, nothing of the file printed', async (_what, entry) => {
    const dir = portListing('placeholder');
    const e = entry(dir);
    fs.writeFileSync(path.join(dir, 'port.yaml'), `name: p\nrules: [${JSON.stringify(e)}]\n`);
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/port\.yaml:2:\d+: error XP120: rule file .* resolves outside the port's folders/);
    expect(leaks(r.err + r.out)).toBe(false);
    expect(r.err).not.toContain('root:x:');
  });

  test('a symbolic link out of the folder: XP120, also in --json', async () => {
    const dir = portListing('r.yaml');
    fs.symlinkSync(secret, path.join(dir, 'r.yaml'));
    for (const json of [[], ['--json']]) {
      const r = await cli('port', input, '--rules', dir, '-o', path.join(t.dir, 'out.c'), ...json);
      expect(r.code).toBe(3);
      expect(r.err + r.out).toContain('XP120');
      expect(leaks(r.err + r.out)).toBe(false);
    }
  });

  test('a symlinked port.yaml pointing out: XP120', async () => {
    const dir = path.join(t.dir, 'port');
    fs.mkdirSync(dir);
    fs.symlinkSync(secret, path.join(dir, 'port.yaml'));
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP120: port manifest');
    expect(leaks(r.err)).toBe(false);
  });

  test('a rule file in a folder the manifest includes is fine', async () => {
    writePort(path.join(t.dir, 'lib'), {});
    fs.writeFileSync(path.join(t.dir, 'lib', 'port.yaml'), 'name: lib\nrules: []\n');
    fs.writeFileSync(path.join(t.dir, 'lib', 'shared.yaml'), OK_RULES);
    const dir = path.join(t.dir, 'port');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'port.yaml'), 'name: p\ninclude: [../lib]\nrules: [../lib/shared.yaml]\n');
    const r = await run(dir);
    expect(r.err).not.toMatch(/error XP/);
    expect(r.code).toBe(0);
    expect(r.out).toContain('NEW(1)');
  });

  test('a long value inside an allowed rule file is quoted as a short excerpt (text and --json)', async () => {
    const dir = writePort(path.join(t.dir, 'long'), { 'r.yaml': `rules: ${JSON.stringify('x'.repeat(200_000))}\n` });
    for (const json of [[], ['--json']]) {
      const r = await cli('port', input, '--rules', dir, '-o', path.join(t.dir, 'out.c'), ...json);
      expect(r.code).toBe(3);
      const longest = Math.max(...(r.err + r.out).split('\n').map((l) => l.length));
      expect(longest).toBeLessThan(700);
      expect(r.err + r.out).toMatch(/\.\.\.\(200000 chars\)/);
    }
  });
});

describe('only regular files of bounded size are read', () => {
  test('a FIFO as a rule file: XP121, no hang', async () => {
    const dir = portListing('r.yaml');
    execFileSync('mkfifo', [path.join(dir, 'r.yaml')]);
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP121');
  });

  test('a device as a rule file (/dev/zero): XP120, never read', async () => {
    const dir = portListing('/dev/zero');
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP120');
  });

  test('a rule file over 1 MiB: XP122, counted while reading', async () => {
    const dir = writePort(path.join(t.dir, 'big'), { 'r.yaml': `${OK_RULES}#${'x'.repeat(1024 * 1024)}\n` });
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/error XP122: rule file .*r\.yaml is larger than 1 MiB/);
  });
});

describe('block files', () => {
  const port = (): string =>
    writePort(path.join(t.dir, 'bport'), { 'r.yaml': BLOCK_RULES }, { 'keep.c': '/* kept */\n' });

  test('a symbolic link out of the port: XP120, its content never in the output', async () => {
    const dir = port();
    fs.symlinkSync(secret, path.join(dir, 'blocks', 'glue.c'));
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP120: block file');
    expect(leaks(r.err + r.out)).toBe(false);
  });

  test('a dangling symbolic link: XP121, not an internal error', async () => {
    const dir = port();
    fs.symlinkSync(path.join(t.dir, 'nowhere.c'), path.join(dir, 'blocks', 'glue.c'));
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP121');
    expect(r.err).not.toMatch(/internal error/);
  });

  test('a FIFO: XP121, no hang', async () => {
    const dir = port();
    execFileSync('mkfifo', [path.join(dir, 'blocks', 'glue.c')]);
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP121');
  });

  (process.getuid?.() === 0 ? test.skip : test)('an unreadable file: XP008, not an internal error', async () => {
    const dir = port();
    const f = path.join(dir, 'blocks', 'glue.c');
    fs.writeFileSync(f, '/* glue */\n');
    fs.chmodSync(f, 0);
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP008');
  });

  test('invalid UTF-8: XP004 at the byte, like the same byte in an input (no U+FFFD in the output)', async () => {
    const dir = port();
    fs.writeFileSync(path.join(dir, 'blocks', 'glue.c'), Buffer.from([0x2f, 0x2a, 0x20, 0xe9, 0x20, 0x2a, 0x2f, 0x0a]));
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/glue\.c:1:4: error XP004: block file .* is not valid UTF-8/);
    expect(r.out).not.toContain('\ufffd');
  });

  test('a block larger than 1 MiB: XP122', async () => {
    const dir = port();
    fs.writeFileSync(path.join(dir, 'blocks', 'glue.c'), `/*${'x'.repeat(1024 * 1024)}*/\n`);
    const r = await run(dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP122');
  });

  test('a valid block is still used', async () => {
    const dir = port();
    fs.writeFileSync(path.join(dir, 'blocks', 'glue.c'), '/* glue */\n');
    const r = await run(dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('/* glue */');
  });
});

test('rules check finds a bad block file before any port runs', async () => {
  const dir = writePort(path.join(t.dir, 'check'), { 'r.yaml': BLOCK_RULES }, { 'keep.c': '/* kept */\n' });
  fs.symlinkSync(secret, path.join(dir, 'blocks', 'glue.c'));
  const r = await cli('rules', 'check', dir);
  expect(r.code).toBe(3);
  expect(r.err).toContain('error XP120: block file');
});
