/**
 * Trying a rule in seconds: `--rules` takes a single rule file (no port.yaml), `--rule <id>` keeps
 * only some rules, and `-` reads the Linux text from standard input (a real pipe, through the binary).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'xenport.js');
const RULES = `rules:
  - id: use-xfree
    kind: replace
    reason: Xen frees with xfree
    comment: none
    pattern: "kfree($P)"
    with: "xfree($P)"
  - id: use-xzalloc
    kind: replace
    reason: Xen has no GFP flags
    comment: none
    pattern: "kzalloc($N, $F)"
    with: "xzalloc_bytes($N)"
`;
const C = 'void f(void *p)\n{\n\tp = kzalloc(8, GFP_KERNEL);\n\tkfree(p);\n}\n';

function ruleFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-try-'));
  fs.writeFileSync(path.join(dir, 'r.yaml'), RULES);
  return path.join(dir, 'r.yaml');
}

const xenport = (args: string[], input: string) =>
  spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });

describe('try a rule', () => {
  it('xenport port - --rules r.yaml --stdout works in a pipe', () => {
    const r = xenport(['port', '-', '--rules', ruleFile(), '--stdout', '-q'], C);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('void f(void *p)\n{\n\tp = xzalloc_bytes(8);\n\txfree(p);\n}\n');
    expect(r.status).toBe(0);
  });

  it('--rule keeps only the named rules (repeatable)', () => {
    const one = xenport(['port', '-', '-r', ruleFile(), '--rule', 'use-xfree', '--stdout', '-q'], C);
    expect(one.stdout).toContain('\tp = kzalloc(8, GFP_KERNEL);\n\txfree(p);\n');
    const both = xenport(
      ['port', '-', '-r', ruleFile(), '--rule', 'use-xfree', '--rule', 'use-xzalloc', '--stdout', '-q'],
      C,
    );
    expect(both.stdout).toContain('\tp = xzalloc_bytes(8);\n\txfree(p);\n');
  });

  it('an unknown --rule id is an error with the closest id (exit 3)', () => {
    const r = xenport(['port', '-', '-r', ruleFile(), '--rule', 'use-xfre', '--stdout'], C);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/--rule: no rule 'use-xfre' .*did you mean 'use-xfree'\?/);
    expect(r.stdout).toBe('');
  });

  it('empty standard input is XP003 on <stdin> (exit 4); a bad rule file is exit 3 with file:line', () => {
    const e = xenport(['port', '-', '-r', ruleFile(), '--stdout'], '');
    expect(e.status).toBe(4);
    expect(e.stderr).toMatch(/<stdin>:1:1: error XP003/);
    const bad = path.join(path.dirname(ruleFile()), 'bad.yaml');
    fs.writeFileSync(bad, 'rules:\n  - id: x\n    kind: replace\n    pattern: "kfree($P)"\n    with: "xfree($Q)"\n');
    const b = xenport(['port', '-', '-r', bad, '--stdout'], C);
    expect(b.status).toBe(3);
    expect(b.stderr).toMatch(/bad\.yaml:5:\d+: error XP107/);
  });
});
