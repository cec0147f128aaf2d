/**
 * Provenance on the command line: `port --annotate` (origin of every output line), `explain
 * <generated-file>:<line>`, and the JSON result's every rule match with input and output positions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './run-cli';

const RULES = `rules:
  - id: use-xfree
    kind: replace
    reason: Xen frees with xfree
    comment: none
    pattern: "kfree($P)"
    with: "xfree($P)"
  - id: note
    kind: insert
    reason: Xen notice
    comment: none
    where: before
    function: f
    text: "/* Xen: imported from Linux */"
`;
const C = 'void f(void *p)\n{\n\tkfree(p);\n}\n';

function setup(): { rules: string; c: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-prov-'));
  fs.writeFileSync(path.join(dir, 'r.yaml'), RULES);
  fs.writeFileSync(path.join(dir, 'in.c'), C);
  return { dir, rules: path.join(dir, 'r.yaml'), c: path.join(dir, 'in.c') };
}

const run = runCli;

describe('provenance', () => {
  it('port --annotate gives each output line its Linux line or rule (file:line)', async () => {
    const s = setup();
    const r = await run('port', s.c, '--rules', s.rules, '--annotate', '-q');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^ +1 {2}note \(.*r\.yaml:8\) insert +\| \/\* Xen: imported from Linux \*\/$/);
    expect(lines[1]).toMatch(/^ +2 {2}Linux 1 +\| void f\(void \*p\)$/);
    expect(lines[3]).toMatch(/^ +4 {2}Linux 3; use-xfree \(.*r\.yaml:2\) replace +\| \txfree\(p\);$/);
    expect(fs.readdirSync(s.dir).sort()).toEqual(['in.c', 'r.yaml']); // writes nothing
  });

  it('explain <file>:<line> names the Linux line and the rule with its reason', async () => {
    const s = setup();
    const out = path.join(s.dir, 'xen.c');
    expect((await run('port', s.c, '--rules', s.rules, '-o', out, '-q')).code).toBe(0);
    const r = await run('explain', `${out}:4`, s.c, '--rules', s.rules);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `${out}:4: \txfree(p);\n  copied from ${s.c}:3: \tkfree(p);\n  written by rule use-xfree (${s.rules}:2): replace; reason: Xen frees with xfree\n`,
    );
    expect((await run('explain', `${out}:1`, s.c, '--rules', s.rules)).out).toMatch(
      /written by rule note .*insert; reason: Xen notice/,
    );
    expect((await run('explain', `${out}:99`, s.c, '--rules', s.rules)).code).toBe(2);
    expect((await run('explain', out, s.c, '--rules', s.rules)).err).toMatch(/is not <generated-file>:<line>/);
  });

  it('--json lists every match of every rule with input and output positions, and every applied edit', async () => {
    const s = setup();
    const r = await run('port', s.c, '--rules', s.rules, '--json', '-o', path.join(s.dir, 'xen.c'));
    const j = JSON.parse(r.out) as {
      matches: Array<{
        rule: string;
        input: { line: number };
        output: { line: number; start: number; end: number } | null;
      }>;
      edits: Array<{ ruleId: string }>;
    };
    const xf = j.matches.find((m) => m.rule === 'use-xfree')!;
    expect(xf.input.line).toBe(3);
    expect(xf.output).not.toBeNull();
    expect(xf.output!.line).toBe(4);
    const output = '/* Xen: imported from Linux */\n' + C.replace('kfree', 'xfree');
    expect(output.slice(xf.output!.start, xf.output!.end)).toBe('xfree(p)');
    expect(j.edits.map((e) => e.ruleId).sort()).toEqual(['note', 'use-xfree']);
  });
});
