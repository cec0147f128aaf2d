/**
 * Rules that `rules check` used to call valid but that hung or crashed a port (issue 10, items 6
 * and 7), each now bounded with a clear error naming the rule: a `files:` glob with many `*`, a
 * `#match?` regex that backtracks catastrophically, three `$$$` in a 3,000-statement function, a
 * pattern nested 5,000 parentheses deep, a template expanding past the string limit, a YAML alias
 * bomb. The two cases that hung run in a child process with a time limit, so that a regression
 * fails the test instead of hanging it; the others run in-process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compileGlob } from '../../src/match/glob';
import { cli, tempDir, writePort } from './helpers';

const CHILD = path.join(__dirname, 'cli-child.js');

let t: ReturnType<typeof tempDir>;
beforeAll(() => (t = tempDir('xenport-patho-')));
afterAll(() => t.cleanup());

/** Run the CLI in a child process, killed after `seconds`; `code` is null when it was killed. */
function run(args: string[], seconds = 60): { code: number | null; err: string; out: string } {
  const r = spawnSync(process.execPath, [CHILD, ...args], {
    timeout: seconds * 1000,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, err: r.stderr, out: r.stdout };
}

function file(name: string, text: string): string {
  const p = path.join(t.dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const port = (name: string, yaml: string) => writePort(path.join(t.dir, name), { 'r.yaml': yaml });

describe('globs', () => {
  test('compiled globs keep their meaning: * within a segment, ** across, ? one character', () => {
    const cases: Array<[string, string, boolean]> = [
      ['*.h', 'arm-smmu-v3.h', true],
      ['*.h', 'arm-smmu-v3.c', false],
      ['*.c', 'a/b.c', false],
      ['**.c', 'a/b.c', true],
      ['linux/*', 'linux/io.h', true],
      ['linux/*', 'linux/a/io.h', false],
      ['linux/**', 'linux/a/io.h', true],
      ['asm/?.h', 'asm/x.h', true],
      ['asm/?.h', 'asm/xy.h', false],
      ['a*b*c', 'abc', true],
      ['a*b*c', 'axxbyyc', true],
      ['a*b*c', 'axxbyy', false],
      ['', '', true],
      ['*', '', true],
      ['x.y', 'xzy', false],
      ['***', 'a/b', true],
      ['a[1].h', 'a[1].h', true],
    ];
    for (const [g, name, want] of cases) expect([g, name, compileGlob(g).test(name)]).toEqual([g, name, want]);
  });

  test('a files: glob with 40 * on a name that does not match finishes (it backtracked exponentially)', () => {
    const input = file(`${'a'.repeat(60)}.c`, 'int f(void)\n{\n\treturn OLD(1);\n}\n');
    const dir = port(
      'glob',
      `rules:\n  - id: g\n    kind: replace\n    files: "${'*a'.repeat(40)}*b"\n    pattern: "OLD($X)"\n    with: "NEW($X)"\n    comment: none\n`,
    );
    const r = run(['port', input, '--rules', dir, '--stdout', '-q']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('OLD(1)');
  });
});

describe('#match? regexes', () => {
  test('a regex that backtracks catastrophically is refused by rules check (XP110 at the regex, naming the rule)', async () => {
    const dir = port(
      'regex',
      'rules:\n  - id: nested-plus\n    kind: delete\n    query: \'((identifier) @target (#match? @target "^(a+)+$"))\'\n    expect: ">=0"\n',
    );
    const r = await cli('rules', 'check', dir);
    expect(r.code).toBe(3);
    expect(r.err + r.out).toMatch(
      /r\.yaml:4:\d+: error XP110: invalid tree-sitter query: the #match\? regex "\^\(a\+\)\+\$" can backtrack catastrophically.*\[nested-plus\]/,
    );
  });

  test('the regexes of the shipped rules all pass the check', async () => {
    const r = await cli('rules', 'check', path.join('rules', 'smmu-v3'));
    expect(r.code).toBe(0);
  });
});

describe('$$$ sequences', () => {
  test('three $$$ in one list on a 3,000-statement function stop with XP210 naming the rule', () => {
    const body = Array.from({ length: 3000 }, (_, i) => (i % 2 ? '\tb();' : '\tc();')).join('\n');
    const input = file('long.c', `void f(void)\n{\n\td(1);\n${body}\n}\n`);
    const dir = port(
      'dollar',
      'rules:\n  - id: three-seqs\n    kind: delete\n    pattern: "{ $$$A; b(); $$$B; c(); $$$C; d(); }"\n    expect: ">=0"\n',
    );
    const r = run(['port', input, '--rules', dir, '--stdout', '-q']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /r\.yaml:2:\d+: error XP210: rule 'three-seqs': matching its pattern on .*long\.c stopped after 5000000 steps/,
    );
  });
});

describe('no exit 70', () => {
  test('a pattern nested 5,000 parentheses deep: XP106, exit 3', async () => {
    const input = file('deep.c', 'int f(void) { return g(1); }\n');
    const dir = port(
      'deep',
      `rules:\n  - id: deep\n    kind: replace\n    pattern: "${'('.repeat(5000)}g(1)${')'.repeat(5000)}"\n    with: "h(1)"\n    expect: ">=0"\n`,
    );
    const r = await cli('port', input, '--rules', dir, '--stdout');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/r\.yaml:4:\d+: error XP106: pattern nests brackets more than 256 deep \[deep\]/);
  });

  test('a template expanding past the string limit: XP211 naming the rule, exit 1', async () => {
    const input = file('wide.c', `int f(void) { return g(${'a'.repeat(60000)}); }\n`);
    const dir = port(
      'wide',
      `rules:\n  - id: wide\n    kind: replace\n    pattern: "g($X)"\n    with: "h(${'$X'.repeat(10000)})"\n    expect: ">=0"\n`,
    );
    const r = await cli('port', input, '--rules', dir, '--stdout', '-q');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/r\.yaml:2:\d+: error XP211: rule 'wide': a template expands past 16 Mi characters/);
    expect(r.err).not.toMatch(/internal error/);
  });

  test('a YAML alias bomb: XP102, exit 3', async () => {
    const lines = [
      'a0: &a0 "' + 'x'.repeat(1000) + '"',
      ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`),
    ];
    const dir = port(
      'bomb',
      `${lines.join('\n')}\nrules:\n  - id: t\n    kind: replace\n    pattern: "g($X)"\n    with: "h($X)"\n    reason: *a9\n`,
    );
    const r = await cli('port', file('bomb.c', 'int f(void) { return g(1); }\n'), '--rules', dir, '--stdout');
    expect(r.code).toBe(3);
    expect(r.err).toContain('error XP102');
  });
});
