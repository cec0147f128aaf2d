/**
 * Issue 10, item 6 (inputs): the Linux input, --xen, --base and the --check target are read only
 * when they are regular files, with the 8 MiB limit enforced while reading. A FIFO is refused at
 * once (it used to hang the port), /dev/zero is refused (it used to be read until memory ran out),
 * and 8 MiB + 1 byte reads "is over the 8 MiB limit".
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MAX_INPUT_BYTES, readSource } from '../../src/cli/files';
import { readRegularFile } from '../../src/cli/read-bounded';
import { cli, tempDir, writePort } from './helpers';

let t: ReturnType<typeof tempDir>;
const p = (...parts: string[]): string => path.join(t.dir, ...parts);
const IN = 'static int f(void)\n{\n\tkfree(p);\n\treturn 0;\n}\n';

beforeEach(() => {
  t = tempDir('xenport-in-');
  fs.writeFileSync(p('in.c'), IN);
  writePort(p('rules'), {
    'r.yaml':
      'rules:\n  - id: free\n    kind: replace\n    pattern: "kfree($X)"\n    with: "xfree($X)"\n    comment: none\n',
  });
  execFileSync('mkfifo', [p('fifo')]);
});
afterEach(() => t.cleanup());

describe('a FIFO is refused, not waited on (each case used to hang)', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    [
      'as the Linux input',
      () => ['port', p('fifo'), '--rules', p('rules'), '--stdout'],
      /fifo:1:1: error XP002: input is not a regular file \(a FIFO\)/,
    ],
    [
      'as --xen',
      () => ['port', p('in.c'), '--rules', p('rules'), '--xen', p('fifo'), '--stdout'],
      /error XP002: existing Xen file is not a regular file \(a FIFO\)/,
    ],
    [
      'as --base',
      () => ['port', p('in.c'), '--rules', p('rules'), '--xen', p('in2.c'), '--base', p('fifo'), '--stdout'],
      /error XP002: base Linux file is not a regular file \(a FIFO\)/,
    ],
    [
      'as the --check target',
      () => ['port', p('in.c'), '--rules', p('rules'), '-o', p('fifo'), '--check'],
      /error XP400: output file \S*fifo is not a regular file \(a FIFO\)/,
    ],
    [
      'as the --diff target',
      () => ['port', p('in.c'), '--rules', p('rules'), '-o', p('fifo'), '--diff'],
      /error XP400: output file \S*fifo is not a regular file \(a FIFO\)/,
    ],
  ];
  test.each(cases)(
    '%s: exit 4',
    async (_name, argv, message) => {
      fs.writeFileSync(p('in2.c'), IN);
      const r = await cli(...argv());
      expect(r.code).toBe(4);
      expect(r.err).toMatch(message);
      expect(fs.lstatSync(p('fifo')).isFIFO()).toBe(true);
    },
    10_000,
  );
});

describe('devices are refused, not read', () => {
  test('/dev/zero as the input: exit 4 at once', async () => {
    const r = await cli('port', '/dev/zero', '--rules', p('rules'), '--stdout');
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/\/dev\/zero:1:1: error XP002: input is not a regular file \(a character device\)/);
  }, 10_000);

  test('/dev/null as the input (which stat calls empty) is a device, not an empty file', () => {
    const r = readSource('/dev/null');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0].message).toBe('input is not a regular file (a character device): /dev/null');
  });
});

describe('the 8 MiB limit', () => {
  test('exactly 8 MiB is read; 8 MiB + 1 byte is "over the 8 MiB limit" (no "8.0 MiB; the limit is 8 MiB")', () => {
    fs.writeFileSync(p('max.c'), Buffer.alloc(MAX_INPUT_BYTES, 0x61));
    expect(readSource(p('max.c')).ok).toBe(true);
    fs.appendFileSync(p('max.c'), 'a');
    const r = readSource(p('max.c'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics[0].code).toBe('XP006');
      expect(r.diagnostics[0].message).toBe(`input ${p('max.c')} is over the 8 MiB limit`);
    }
  });

  test('the size is counted while reading, not taken from stat (a /proc file has size 0 in stat)', () => {
    expect(fs.statSync('/proc/self/maps').size).toBe(0);
    const small = readRegularFile('/proc/self/maps', 16);
    expect(small).toEqual({ ok: false, why: 'too-large' });
    const whole = readRegularFile('/proc/self/maps', MAX_INPUT_BYTES);
    expect(whole.ok && whole.bytes.length > 16).toBe(true);
  });
});
