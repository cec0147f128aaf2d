/**
 * Issue 10, item 2: what `xenport port` writes to. Only regular files are replaced (atomically);
 * `-o -` and `-o /dev/stdout` print; FIFOs, devices and folders are refused (exit 4) and left as
 * they were; a symbolic link is written through (the link kept); mode, owner and group are kept;
 * a file with several hard links is refused; long names work; `-o` naming the Linux input or the
 * --base file is refused (exit 2). Device nodes are made with mknod in a temporary folder (as root;
 * skipped otherwise): no test writes near the real /dev.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { temporaryName } from '../../src/emit/write';
import { cli, tempDir, writePort } from './helpers';

const root = process.getuid?.() === 0;
let t: ReturnType<typeof tempDir>;
const p = (...parts: string[]): string => path.join(t.dir, ...parts);
const IN = 'static int f(void)\n{\n\tkfree(p);\n\treturn 0;\n}\n';
const OUT = IN.replace('kfree', 'xfree');
const OLD = 'old text\n';

beforeEach(() => {
  t = tempDir('xenport-out-');
  fs.writeFileSync(p('in.c'), IN);
  writePort(p('rules'), {
    'r.yaml':
      'rules:\n  - id: free\n    kind: replace\n    pattern: "kfree($X)"\n    with: "xfree($X)"\n    comment: none\n',
  });
});
afterEach(() => t.cleanup());

const port = (...more: string[]) => cli('port', p('in.c'), '--rules', p('rules'), '-q', ...more);
/** Files of the temporary folder other than the fixtures: no temporary file may be left. */
const litter = (): string[] => fs.readdirSync(t.dir).filter((f) => f.includes('.xenport-') || f.endsWith('.tmp'));

describe('standard output', () => {
  test.each(['-', '/dev/stdout'])('-o %s prints the output and creates no file', async (name) => {
    const r = await port('-o', name);
    expect(r.code).toBe(0);
    expect(r.out).toBe(OUT);
    expect(fs.existsSync(path.resolve('-'))).toBe(false);
    expect(litter()).toEqual([]);
  });
});

describe('non-regular targets are refused, exit 4, and left as they are', () => {
  test('a FIFO', async () => {
    execFileSync('mkfifo', [p('fifo')]);
    const r = await port('-o', p('fifo'));
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/fifo:1:1: error XP400: cannot write \S*fifo is not a regular file \(a FIFO\)/);
    expect(fs.lstatSync(p('fifo')).isFIFO()).toBe(true);
    expect(litter()).toEqual([]);
  });

  (root ? test : test.skip)('a character device (a copy of /dev/null made with mknod; needs root)', async () => {
    execFileSync('mknod', [p('null'), 'c', '1', '3']);
    const r = await port('-o', p('null'));
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/is not a regular file \(a character device\)/);
    expect(fs.lstatSync(p('null')).isCharacterDevice()).toBe(true);
  });

  test('a folder', async () => {
    fs.mkdirSync(p('dir'));
    const r = await port('-o', p('dir'));
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/error XP400: cannot write \S*dir is a directory/);
    expect(fs.readdirSync(p('dir'))).toEqual([]);
  });

  test('the target is checked before the port runs: a refused target is reported even when the input is missing', async () => {
    execFileSync('mkfifo', [p('fifo')]);
    const r = await cli('port', p('missing.c'), '--rules', p('rules'), '-o', p('fifo'));
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/XP400/);
    expect(r.err).not.toMatch(/XP001/);
  });
});

describe('symbolic links are written through', () => {
  test('-o link: the link stays a link, its target gets the output', async () => {
    fs.writeFileSync(p('real.c'), OLD);
    fs.symlinkSync('real.c', p('link.c'));
    const r = await port('-o', p('link.c'));
    expect(r.code).toBe(0);
    expect(fs.lstatSync(p('link.c')).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(p('link.c'))).toBe('real.c');
    expect(fs.readFileSync(p('real.c'), 'utf8')).toBe(OUT);
    expect(litter()).toEqual([]);
  });

  test('--xen link regenerated in place: the link stays, its target is regenerated', async () => {
    fs.mkdirSync(p('xen'));
    fs.writeFileSync(p('xen', 'smmu.c'), IN.replace('kfree(p)', 'xfree(q)'));
    fs.symlinkSync(path.join('xen', 'smmu.c'), p('smmu.c'));
    const r = await port('--xen', p('smmu.c'), '--drop-hand-edits');
    expect(r.code).toBe(0);
    expect(fs.lstatSync(p('smmu.c')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(p('xen', 'smmu.c'), 'utf8')).toBe(OUT);
    expect(fs.readdirSync(p('xen'))).toEqual(['smmu.c']);
  });

  test('a dangling link is refused (exit 4), the link left as it is', async () => {
    fs.symlinkSync('nowhere.c', p('dangling.c'));
    const r = await port('-o', p('dangling.c'));
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/symbolic link to a missing file/);
    expect(fs.readlinkSync(p('dangling.c'))).toBe('nowhere.c');
    expect(fs.existsSync(p('nowhere.c'))).toBe(false);
  });
});

describe('a replaced file keeps its mode, owner and group', () => {
  test('mode 0600 stays 0600, 0755 stays 0755', async () => {
    for (const mode of [0o600, 0o755, 0o440]) {
      fs.writeFileSync(p('out.c'), OLD);
      fs.chmodSync(p('out.c'), mode);
      const r = await port('-o', p('out.c'));
      expect(r.code).toBe(0);
      expect(fs.readFileSync(p('out.c'), 'utf8')).toBe(OUT);
      expect((fs.statSync(p('out.c')).mode & 0o7777).toString(8)).toBe(mode.toString(8));
    }
  });

  (root ? test : test.skip)('owner and group are kept (needs root to give the file another owner)', async () => {
    fs.writeFileSync(p('out.c'), OLD);
    fs.chownSync(p('out.c'), 1234, 5678);
    const r = await port('-o', p('out.c'));
    expect(r.code).toBe(0);
    const st = fs.statSync(p('out.c'));
    expect([st.uid, st.gid]).toEqual([1234, 5678]);
    expect(fs.readFileSync(p('out.c'), 'utf8')).toBe(OUT);
  });

  test('a new file gets the default mode (0666 less the umask)', async () => {
    const r = await port('-o', p('new.c'));
    expect(r.code).toBe(0);
    const umask = process.umask();
    expect(fs.statSync(p('new.c')).mode & 0o777).toBe(0o666 & ~umask);
  });
});

describe('hard links', () => {
  test('a file with two names is refused (exit 4): an atomic replace would leave the other name stale', async () => {
    fs.writeFileSync(p('out.c'), OLD);
    fs.linkSync(p('out.c'), p('other.c'));
    const r = await port('-o', p('out.c'));
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/has 2 hard links/);
    expect(fs.readFileSync(p('out.c'), 'utf8')).toBe(OLD);
    expect(fs.statSync(p('out.c')).ino).toBe(fs.statSync(p('other.c')).ino);
  });
});

describe('long names', () => {
  test.each([242, 255])('a %i-byte output name works (the temporary name is cut to fit)', async (n) => {
    const name = `${'x'.repeat(n - 2)}.c`;
    fs.writeFileSync(p(name), OLD);
    const r = await port('-o', p(name));
    expect(r.code).toBe(0);
    expect(fs.readFileSync(p(name), 'utf8')).toBe(OUT);
    expect(litter()).toEqual([]);
  });
});

describe('temporary names', () => {
  test('a 255-byte name of two-byte characters: the temporary name fits 255 bytes and is cut between characters', () => {
    const name = `${'é'.repeat(126)}.c`; // 252 + 2 bytes
    const tmp = path.basename(temporaryName(path.join('/some/dir', name)));
    expect(Buffer.byteLength(tmp)).toBeLessThanOrEqual(255);
    expect(tmp).toMatch(/^\.é+\.xenport-\d+-\d+\.tmp$/);
    expect(tmp).not.toContain('\ufffd');
  });
});

describe('-o naming an input is refused (exit 2), the input untouched', () => {
  test('-o is the Linux input', async () => {
    const r = await port('-o', p('in.c'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the output \S*in\.c is the Linux input: refused/);
    expect(fs.readFileSync(p('in.c'), 'utf8')).toBe(IN);
  });

  test('-o is a link to the Linux input, or another path to it', async () => {
    fs.symlinkSync('in.c', p('alias.c'));
    for (const o of [p('alias.c'), path.join(t.dir, '.', 'rules', '..', 'in.c')]) {
      const r = await port('-o', o);
      expect(r.code).toBe(2);
      expect(fs.readFileSync(p('in.c'), 'utf8')).toBe(IN);
    }
  });

  test('-o is the --base file; --xen (regenerated in place) is the Linux input', async () => {
    fs.writeFileSync(p('base.c'), IN);
    fs.writeFileSync(p('xen.c'), OUT);
    const r = await port('--xen', p('xen.c'), '--base', p('base.c'), '-o', p('base.c'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is the --base file: refused/);
    expect(fs.readFileSync(p('base.c'), 'utf8')).toBe(IN);
    const inPlace = await port('--xen', p('in.c'));
    expect(inPlace.code).toBe(2);
    expect(fs.readFileSync(p('in.c'), 'utf8')).toBe(IN);
  });
});
