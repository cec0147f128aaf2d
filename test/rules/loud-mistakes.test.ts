/**
 * Mistakes are loud: malformed metavariables, unquoted C that YAML reads as a comment, anchor or
 * alias, edits swallowed by another rule (XP206), a change without a reason (XP114).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';

/** Write a port (port.yaml + r.yaml) and a C file; returns their paths. */
function setup(
  rules: string,
  c = 'void f(void *p)\n{\n\tkfree(p);\n}\n',
  manifest = 'name: t\nrules: [r.yaml]\n',
): { dir: string; c: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-loud-'));
  fs.writeFileSync(path.join(dir, 'port.yaml'), manifest);
  fs.writeFileSync(path.join(dir, 'r.yaml'), rules);
  fs.writeFileSync(path.join(dir, 'in.c'), c);
  return { dir, c: path.join(dir, 'in.c') };
}

async function port(s: { dir: string; c: string }, ...more: string[]) {
  const out = bufferConsole();
  const code = await main(['port', s.c, '--rules', s.dir, '--stdout', '-q', ...more], out);
  return { code, out: out.out, err: out.err };
}

const rule = (fields: string): string => `rules:\n  - id: r1\n    kind: replace\n    reason: why\n${fields}`;

describe('malformed metavariables', () => {
  it('a lowercase $dev in a pattern is an error at its column, with the upper-case spelling', async () => {
    const r = await port(setup(rule('    pattern: "kfree($dev)"\n    with: "xfree($DEV)"\n')));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/r\.yaml:5:21: error XP105: '\$dev' in the pattern is not a metavariable .*write \$DEV/);
  });

  it('$1 and $$X are malformed too; a lowercase $x in a template gets the same hint', async () => {
    expect((await port(setup(rule('    pattern: "kfree($1)"\n    with: "x"\n')))).err).toMatch(
      /'\$1' in the pattern is not a metavariable.*upper-case name/,
    );
    expect((await port(setup(rule('    pattern: "kfree($$X)"\n    with: "x"\n')))).err).toMatch(
      /XP105: '\$' in the pattern/,
    );
    const t = await port(setup(rule('    pattern: "kfree($P)"\n    with: "xfree($p)"\n')));
    expect(t.err).toMatch(/XP107: `with` uses \$p, .*metavariable names are upper case: \$P/);
  });
});

describe('unquoted C in YAML', () => {
  it.each([
    ['#include <x.h>', "'#' as a comment"],
    ['*p = 1', "'\\*' as an alias"],
    ['&x->y', "'&' as an anchor"],
  ])('pattern: %s says to quote it', async (value, what) => {
    const r = await port(setup(rule(`    pattern: ${value}\n    with: "y"\n`)));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(
      new RegExp(`r\\.yaml:5:\\d+: error XP10[25]: .*YAML reads an unquoted value starting with ${what}: quote the C`),
    );
  });

  it('a YAML comment after a key with a list below is not flagged', async () => {
    const r = await port(
      setup(
        'rules: # the rules\n  - id: r1\n    kind: replace\n    reason: why\n    pattern: "kfree($P)"\n    with: "xfree($P)"\n',
      ),
    );
    expect(r.code).toBe(0);
  });
});

describe('XP206: edits swallowed by another rule', () => {
  const C = 'void f(void *p)\n{\n\tkfree(p);\n}\n\nvoid g(void *p)\n{\n\tkfree(p);\n}\n';
  const RULES = (extra: string, expect = '2') => `rules:
  - id: use-xfree
    kind: replace
    reason: Xen frees with xfree
    comment: none
    pattern: "kfree($P)"
    with: "xfree($P)"
    expect: ${JSON.stringify(expect)}
${extra}
  - id: drop-g
    kind: delete
    reason: unused in Xen
    function: g
`;

  it('warns once per pair of rules, naming both with file:line and the count', async () => {
    const r = await port(setup(RULES(''), C));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /warning XP206: 1 edit\(s\) of rule 'use-xfree' \(.*r\.yaml:2\) are inside text that rule 'drop-g' \(.*r\.yaml:\d+\) deletes or disables.*add 'swallowed: expected' to rule 'use-xfree'/,
    );
  });

  it('is silent with swallowed: expected, and for a rule that accepts no match (>=0)', async () => {
    expect((await port(setup(RULES('    swallowed: expected'), C))).err).not.toMatch(/XP206/);
    expect((await port(setup(RULES('', '>=0'), C))).err).not.toMatch(/XP206/);
  });
});

describe('XP114: a change without a reason', () => {
  const NOREASON = 'rules:\n  - id: r1\n    kind: replace\n    pattern: "kfree($P)"\n    with: "xfree($P)"\n';
  it('is a warning at the rule, naming the port.yaml to opt out in', async () => {
    const s = setup(NOREASON);
    const r = await port(s);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /r\.yaml:2:\d+: warning XP114: rule 'r1' changes the code without a reason: .*'reasons: optional' in .*port\.yaml/,
    );
  });

  it('is silent under reasons: optional in port.yaml; comment: none with a reason is not flagged', async () => {
    expect((await port(setup(NOREASON, undefined, 'name: t\nreasons: optional\nrules: [r.yaml]\n'))).err).toBe('');
    expect((await port(setup(rule('    comment: none\n    pattern: "kfree($P)"\n    with: "xfree($P)"\n')))).err).toBe(
      '',
    );
  });

  it('no shipped port warns (rules check prints no warning)', async () => {
    const ports = fs
      .readdirSync('rules')
      .map((d) => path.join('rules', d))
      .filter((d) => fs.existsSync(path.join(d, 'port.yaml')));
    expect(ports.length).toBeGreaterThanOrEqual(4);
    for (const dir of [...ports, 'corpus/example/rules']) {
      const out = bufferConsole();
      expect(await main(['rules', 'check', dir], out)).toBe(0);
      expect(out.err).toBe('');
    }
  });
});
