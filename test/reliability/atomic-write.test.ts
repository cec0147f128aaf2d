/**
 * No partial writes: output goes to a temporary file in the target folder and is renamed over the
 * target; a failure at any point (killed process, full disk, permission error, failing rename)
 * leaves the old file untouched. Failures are simulated through writeAtomic's file-system
 * parameter, and a real SIGKILL in a child process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REAL_WRITE_FS, writeAtomic, WriteFs } from '../../src/emit/write';
import { cli, tempDir, writePort } from './helpers';

const OLD = 'old file: must survive\n';
const NEW = 'x'.repeat(200_000);

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** The real file system with one operation replaced. */
function failing(op: keyof WriteFs, fail: (...args: unknown[]) => unknown): WriteFs {
  return { ...REAL_WRITE_FS, [op]: fail };
}

describe('writeAtomic under failures', () => {
  let t: ReturnType<typeof tempDir>;
  let target: string;
  beforeEach(() => {
    t = tempDir();
    target = path.join(t.dir, 'smmu.c');
    fs.writeFileSync(target, OLD);
  });
  afterEach(() => t.cleanup());

  const cases: Array<[string, keyof WriteFs, (...a: unknown[]) => unknown]> = [
    [
      'permission denied creating the temporary file',
      'openSync',
      () => {
        throw errno('EACCES', 'permission denied');
      },
    ],
    [
      'disk full after a partial write',
      'writeSync',
      (fd, buf) => {
        fs.writeSync(fd as number, (buf as Buffer).subarray(0, 4096));
        throw errno('ENOSPC', 'no space left on device');
      },
    ],
    [
      'I/O error on fsync',
      'fsyncSync',
      () => {
        throw errno('EIO', 'i/o error');
      },
    ],
    [
      'rename refused',
      'renameSync',
      () => {
        throw errno('EPERM', 'operation not permitted');
      },
    ],
  ];
  test.each(cases)('%s: XP400, old file untouched, no temporary file left', (_name, op, fail) => {
    const ds = writeAtomic(target, NEW, failing(op, fail));
    expect(ds.map((d) => d.code)).toEqual(['XP400']);
    expect(ds[0].message).toContain(target);
    expect(fs.readFileSync(target, 'utf8')).toBe(OLD);
    expect(fs.readdirSync(t.dir)).toEqual(['smmu.c']);
  });

  test('a write of less than asked is completed (short writes)', () => {
    const ds = writeAtomic(
      target,
      NEW,
      failing('writeSync', (fd, buf, off, len) =>
        fs.writeSync(fd as number, buf as Buffer, off as number, Math.min(len as number, 1000)),
      ),
    );
    expect(ds).toEqual([]);
    expect(fs.readFileSync(target, 'utf8')).toBe(NEW);
  });

  test.each(['write', 'rename'])('process killed (SIGKILL) during %s: old file untouched', (when) => {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'kill-writer.js'), target, when], { encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    expect(fs.readFileSync(target, 'utf8')).toBe(OLD);
    // A killed process cannot clean up: its temporary file stays, named so that .gitignore ignores it.
    const litter = fs.readdirSync(t.dir).filter((f) => f !== 'smmu.c');
    expect(litter).toHaveLength(1);
    expect(litter[0]).toMatch(/^\.smmu\.c\.xenport-\d+-\d+\.tmp$/);
  });

  // Issue 10, item 2: Ctrl-C after the temporary file existed left it behind (21 of 26 runs).
  test.each([
    ['SIGINT', 'write'],
    ['SIGTERM', 'rename'],
  ])('%s during %s: the process ends by the signal, no temporary file is left, the file is whole', (signal, when) => {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'kill-writer.js'), target, when, signal], {
      encoding: 'utf8',
    });
    expect(r.signal).toBe(signal);
    expect(fs.readdirSync(t.dir)).toEqual(['smmu.c']);
    // The write is synchronous: the signal takes effect once it is complete, so the file is the new text, whole.
    expect(fs.readFileSync(target, 'utf8')).toBe('new text\n'.repeat(10000));
  });

  test('success replaces the file in one step', () => {
    expect(writeAtomic(target, NEW)).toEqual([]);
    expect(fs.readFileSync(target, 'utf8')).toBe(NEW);
    expect(fs.readdirSync(t.dir)).toEqual(['smmu.c']);
  });
});

describe('the CLI writes nothing on failure', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  test('drift (exit 1): the existing output file is untouched', async () => {
    const rules = writePort(path.join(t.dir, 'rules'), {
      'r.yaml': 'rules:\n  - id: gone\n    kind: delete\n    function: nope\n',
    });
    fs.writeFileSync(path.join(t.dir, 'in.c'), 'int f(void);\n');
    fs.writeFileSync(path.join(t.dir, 'out.c'), OLD);
    const r = await cli('port', path.join(t.dir, 'in.c'), '--rules', rules, '-o', path.join(t.dir, 'out.c'), '-q');
    expect(r.code).toBe(1);
    expect(r.err).toContain('error XP200');
    expect(fs.readFileSync(path.join(t.dir, 'out.c'), 'utf8')).toBe(OLD);
  });

  test('output folder missing (exit 4, XP400): nothing created', async () => {
    const rules = writePort(path.join(t.dir, 'rules'), {
      'r.yaml': 'rules:\n  - id: f\n    kind: delete\n    function: f\n',
    });
    fs.writeFileSync(path.join(t.dir, 'in.c'), 'int f(void) { return 0; }\n');
    const out = path.join(t.dir, 'no-such-dir', 'out.c');
    const r = await cli('port', path.join(t.dir, 'in.c'), '--rules', rules, '-o', out, '-q');
    expect(r.code).toBe(4);
    expect(r.err).toContain('error XP400');
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  });
});
