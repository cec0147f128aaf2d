/**
 * The motivating example of `transform:` (issue 15 item 5), on a made-up driver
 * (fixtures/id-regs): when Linux adds the feature table `ftr_id_aa64isar2`, an `into-block` rule
 * adds `SANITIZE_ID_REG(isa64, 2, aa64isar2);` to a Xen-owned function, deriving `2` and
 * `aa64isar2` from the matched name. Also: an upgrade run checks `into-block` rules against the
 * old Xen file as regenerating that file does, and `rules check` names transform errors by
 * file:line:col.
 */
import * as fs from 'fs';
import * as path from 'path';
import { removeTrees, writeTree } from '../core/helpers';
import { runCli } from './run-cli';

const F = path.join(__dirname, 'fixtures', 'id-regs');
const RULES = path.join(F, 'rules');
const BEFORE = path.join(F, 'linux-before.c');
const AFTER = path.join(F, 'linux-after.c');
const LINUX_BEFORE = fs.readFileSync(BEFORE, 'utf8');
const SANITIZE = (n: number[]) =>
  `\n/* Xen: sanitize the ID registers the feature tables describe. */\nstatic void sanitize_id_regs(void)\n{\n\t/* ISA registers */\n${n.map((i) => `\tSANITIZE_ID_REG(isa64, ${i}, aa64isar${i});\n`).join('')}}\n`;
/** The Xen file the rules make of linux-before.c (read by hand: the Linux text, then the block after read_features). */
const XEN_BEFORE = LINUX_BEFORE + SANITIZE([0, 1]);

afterAll(removeTrees);

describe('transform: the SANITIZE_ID_REG example', () => {
  it('a first port adds one line per ISA table, the register number and name derived from the table name', async () => {
    const r = await runCli('port', BEFORE, '--rules', RULES, '--stdout', '-q');
    expect(r.err).toBe('');
    expect(r.out).toBe(XEN_BEFORE);
    expect(r.code).toBe(0);
  });

  it('the upgrade to a Linux with ftr_id_aa64isar2 adds its line after aa64isar1 in the carried block', async () => {
    const dir = writeTree({ 'xen.c': XEN_BEFORE });
    const r = await runCli('port', AFTER, '--rules', RULES, '--xen', path.join(dir, 'xen.c'), '--base', BEFORE, '-q');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'xen.c'), 'utf8')).toBe(fs.readFileSync(AFTER, 'utf8') + SANITIZE([0, 1, 2]));
  });

  it("a Xen maintainer's own line in the block stays, and the new line still follows its previous match", async () => {
    const own = XEN_BEFORE.replace('aa64isar1);\n', 'aa64isar1);\n\tsanitize_xen_only();\n');
    const dir = writeTree({ 'xen.c': own });
    const r = await runCli('port', AFTER, '--rules', RULES, '--xen', path.join(dir, 'xen.c'), '--base', BEFORE, '-q');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'xen.c'), 'utf8')).toContain(
      'aa64isar1);\n\tSANITIZE_ID_REG(isa64, 2, aa64isar2);\n\tsanitize_xen_only();\n}\n',
    );
  });
});

describe('an upgrade checks into-block rules against the old Xen file', () => {
  /** Regenerate the old Xen file, and upgrade it: exit codes and the error lines of each. */
  async function both(xen: string) {
    const dir = writeTree({ 'xen.c': xen });
    const x = path.join(dir, 'xen.c');
    const regenerate = await runCli('port', BEFORE, '--rules', RULES, '--xen', x, '--check');
    const upgrade = await runCli('port', AFTER, '--rules', RULES, '--xen', x, '--base', BEFORE, '--diff');
    const errors = (s: string) =>
      s
        .split('\n')
        .filter((l) => /: error XP/.test(l))
        .map((l) => l.replace(dir, '<dir>'));
    return {
      regenerate: { code: regenerate.code, errors: errors(regenerate.err) },
      upgrade: { code: upgrade.code, errors: errors(upgrade.err) },
    };
  }

  it('a line the rule put there for a match of the old Linux file, deleted by hand: XP300 in both runs, at the same place', async () => {
    const r = await both(XEN_BEFORE.replace('\tSANITIZE_ID_REG(isa64, 1, aa64isar1);\n', ''));
    const expected = [
      `<dir>${path.sep}xen.c:31:1: error XP300: block 'sanitize' lacks the line(s) "\\tSANITIZE_ID_REG(isa64, 1, aa64isar1);" that rule 'sanitize-isa-reg' put there (deleted or changed by hand?); the block is kept as the Xen file has it, not amended again [sanitize-isa-reg]`,
    ];
    expect(r.regenerate).toEqual({ code: 1, errors: expected });
    expect(r.upgrade).toEqual({ code: 1, errors: expected });
  });

  it('a block without the anchor line: the old file fails (XP300), and so does the upgrade (the same XP300s, and XP205 for the new line)', async () => {
    const r = await both(
      LINUX_BEFORE +
        '\n/* Xen: sanitize the ID registers the feature tables describe. */\nstatic void sanitize_id_regs(void)\n{\n}\n',
    );
    expect(r.regenerate.code).toBe(1);
    expect(r.upgrade.code).toBe(1);
    expect(r.regenerate.errors.map((l) => / (XP\d+):/.exec(l)?.[1])).toEqual(['XP300', 'XP300']);
    expect(r.upgrade.errors.map((l) => / (XP\d+):/.exec(l)?.[1]).sort()).toEqual(['XP205', 'XP300', 'XP300']);
    expect(r.upgrade.errors.find((l) => l.includes('XP205'))).toMatch(
      /id-regs\.yaml:\d+:\d+: error XP205: into-block: no line of block 'sanitize' contains "\/\* ISA registers \*\/"/,
    );
  });
});

describe('rules check: transform errors name file:line:col', () => {
  it('an unbound `from`, a cycle and a bad regex, each at its value (exit 3)', async () => {
    const dir = writeTree({
      'r.yaml': [
        'rules:',
        '  - id: r',
        '    kind: replace',
        '    comment: none',
        '    pattern: "f($A)"',
        '    transform:',
        '      X: { from: $B }',
        '      Y: { from: $A, replace: "[a", by: "" }',
        '    with: "g($X, $Y)"',
        '  - id: s',
        '    kind: replace',
        '    comment: none',
        '    pattern: "h($A)"',
        '    transform:',
        '      P: { from: $Q, case: upper }',
        '      Q: { from: $P, case: lower }',
        '    with: "k($P)"',
        '',
      ].join('\n'),
    });
    const r = await runCli('rules', 'check', path.join(dir, 'r.yaml'));
    expect(r.code).toBe(3);
    const lines = (r.out + r.err)
      .split('\n')
      .filter((l) => /: error XP/.test(l))
      .map((l) => l.replace(dir + path.sep, ''));
    expect(lines).toEqual([
      'r.yaml:7:18: error XP107: transform X: `from` names $B, which nothing binds (the rule binds $A, $X, $Y) [r]',
      expect.stringMatching(
        /^r\.yaml:8:31: error XP105: transform Y: `replace` is not a valid regular expression: .+ \[r\]$/,
      ),
      'r.yaml:15:18: error XP105: transforms $P, $Q are computed from each other in a cycle; one of them must come from a metavariable of the selector [s]',
    ]);
  });
});
