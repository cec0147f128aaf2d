/** `scan --diff`: each match with the Linux lines (-) and the rewrite its rule makes there (+). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';

const RULES = `rules:
  - id: use-xfree
    kind: replace
    reason: Xen frees with xfree
    pattern: "kfree($P)"
    with: "xfree($P)"
    expect: 1
  - id: drop-g
    kind: delete
    reason: unused in Xen
    comment: none
    function: g
`;

describe('scan --diff', () => {
  it('shows each match with its rewrite; a match inside deleted code says so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-scandiff-'));
    fs.mkdirSync(path.join(dir, 'rules'));
    fs.writeFileSync(path.join(dir, 'rules', 'r.yaml'), RULES);
    const c = path.join(dir, 'a.c');
    fs.writeFileSync(c, 'void f(void *p)\n{\n\tkfree(p);\n}\n\nvoid g(void *p)\n{\n\tkfree(p);\n}\n');
    const out = bufferConsole();
    const code = await main(['scan', c, '--rules', path.join(dir, 'rules'), '--diff', '-q', '-j', '1'], out);
    expect(code).toBe(0);
    expect(out.out).toContain(`${c}:3:2: use-xfree\n-\tkfree(p);\n+\t/* Xen: Xen frees with xfree */\n+\txfree(p);\n`);
    expect(out.out).toContain(`${c}:6:1: drop-g\n-void g(void *p)\n-{\n-\tkfree(p);\n-}\n  (deleted)\n`);
    expect(out.out).toContain(
      `${c}:8:2: use-xfree\n-\tkfree(p);\n  (not rewritten here: inside text another rule deletes or disables)`,
    );
  });
});
