/**
 * Issue 10, item 1: the whole command line is validated before anything is read or written. Each
 * probe runs on a port that would regenerate `xen.c` in place (its text differs from the output),
 * with a mistyped option, a conflict or a missing argument: exit 2, one line on stderr, nothing on
 * stdout, `xen.c` untouched. On the yargs-based CLI the handler ran first and rewrote the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir, writePort } from '../reliability/helpers';

let t: ReturnType<typeof tempDir>;
const p = (...parts: string[]): string => path.join(t.dir, ...parts);
const STALE = 'static int f(void)\n{\n\tstale(p);\n\treturn 0;\n}\n';

beforeEach(() => {
  t = tempDir('xenport-args-');
  fs.writeFileSync(p('in.c'), 'static int f(void)\n{\n\tkfree(p);\n\treturn 0;\n}\n');
  writePort(p('rules'), {
    'r.yaml':
      'rules:\n  - id: free\n    kind: replace\n    pattern: "kfree($X)"\n    with: "xfree($X)"\n    comment: none\n',
  });
  fs.writeFileSync(p('xen.c'), STALE);
});
afterEach(() => t.cleanup());

const base = (): string[] => ['port', p('in.c'), '--rules', p('rules'), '--xen', p('xen.c'), '--drop-hand-edits'];

describe('usage errors touch nothing', () => {
  test('the port itself would rewrite xen.c (so the probes below are meaningful)', async () => {
    const r = await cli(...base(), '-q');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(p('xen.c'), 'utf8')).not.toBe(STALE);
  });

  const probes: Array<[string, string[], RegExp]> = [
    ['--dry-run (unknown option)', ['--dry-run'], /unknown option --dry-run/],
    ['--chek (typo)', ['--chek'], /unknown option --chek \(did you mean --check\?\)/],
    ['--dif (typo)', ['--dif'], /unknown option --dif \(did you mean --diff\?\)/],
    [
      '--json --stdout (conflict)',
      ['--json', '--stdout'],
      /--json and --stdout cannot be used together|--stdout and --json cannot be used together/,
    ],
    ['--check --diff (conflict)', ['--check', '--diff'], /--check and --diff cannot be used together/],
    ['an extra argument', ['extra.c'], /unexpected argument 'extra.c'/],
    ['an option without its value', ['-o'], /option -o needs a value/],
    ['a value that is an option', ['-o', '--check'], /option -o needs a value, not the option '--check'/],
    ['a boolean given a value', ['--force=no'], /option --force takes no value/],
    ['an option given twice', ['--rules', '@rules'], /option --rules is given twice/],
    ['-o - with --json', ['-o', '-', '--json'], /-o - \(standard output\) and --json cannot be used together/],
  ];
  test.each(probes)(
    '%s: exit 2, one line, nothing printed on stdout, xen.c untouched',
    async (_name, extra, message) => {
      const before = fs.statSync(p('xen.c'));
      const r = await cli(...base(), ...extra.map((a) => (a === '@rules' ? p('rules') : a)));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
      expect(fs.readFileSync(p('xen.c'), 'utf8')).toBe(STALE);
      expect(fs.statSync(p('xen.c')).mtimeMs).toBe(before.mtimeMs);
      expect(fs.readdirSync(t.dir).sort()).toEqual(['in.c', 'rules', 'xen.c']);
    },
  );

  test('a missing --rules is a usage error (exit 2), not an internal error (70)', async () => {
    const r = await cli('port', p('in.c'), '--xen', p('xen.c'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^xenport port: missing option --rules <port-dir>; see 'xenport port --help'\n$/);
    expect(fs.readFileSync(p('xen.c'), 'utf8')).toBe(STALE);
  });

  test('a missing positional argument, an unknown command and subcommand: exit 2, one line', async () => {
    for (const argv of [
      ['port', '--rules', p('rules')],
      ['prot', p('in.c')],
      ['rules'],
      ['rules', 'chek', p('rules')],
      [],
      ['--frob'],
    ]) {
      const r = await cli(...argv);
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
    expect((await cli('prot', 'x')).err).toMatch(/unknown command 'prot' \(did you mean port\?\)/);
    expect((await cli('port', '--rules', 'r')).err).toMatch(/missing argument <linux-file>/);
  });

  test('scan: -j must be a whole number, --ext is repeatable or comma-separated', async () => {
    expect((await cli('scan', p('in.c'), '--rules', p('rules'), '-j', 'two')).code).toBe(2);
    expect((await cli('scan', p('in.c'), '--rules', p('rules'), '-j', '0')).code).toBe(2);
    const r = await cli('scan', t.dir, '--rules', p('rules'), '--ext', 'c,h', '--ext', 'x', '-q', '-j', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/in\.c:3:2: free/);
  });
});

describe('help', () => {
  test('xenport --help lists every command and the exit codes', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const c of ['port <linux-file>', 'rules check <port-dir>', 'scan <paths..>', 'test [case-dirs..]'])
      expect(r.out).toContain(`xenport ${c}`);
    expect(r.out).toMatch(/Exit codes:\n {2}0 {3}success/);
  });

  test('each command explains each of its options', async () => {
    const r = await cli('port', '--help');
    expect(r.code).toBe(0);
    for (const o of [
      '-r, --rules <port-dir>',
      '-o, --output <file>',
      '--xen <file>',
      '--base <file>',
      '--check',
      '--diff',
      '--stdout',
      '--json',
      '--force',
      '--drop-hand-edits',
      '-q, --quiet',
      '-v, --verbose',
    ]) {
      expect(r.out).toContain(o);
    }
    expect(r.out).toMatch(/70 {2}internal error/);
  });

  test('--help wins over other mistakes and touches nothing', async () => {
    const r = await cli(...base(), '--dry-run', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('xenport port <linux-file>');
    expect(fs.readFileSync(p('xen.c'), 'utf8')).toBe(STALE);
  });

  test('--version prints the package version', async () => {
    const r = await cli('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
