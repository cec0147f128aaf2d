/** `xenport init <dir>`: a port folder whose rule test passes at once and whose rule ports; never overwrites. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './run-cli';

const run = runCli;

describe('xenport init', () => {
  it('writes port.yaml, an example rule and its test; rules check, test and port then pass', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-init-')), 'My Port');
    const r = await run('init', dir);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['api.yaml', 'port.yaml', 'tests']);
    expect(fs.readFileSync(path.join(dir, 'port.yaml'), 'utf8')).toMatch(/^name: my-port$/m);
    expect(fs.readFileSync(path.join(dir, 'port.yaml'), 'utf8')).toMatch(/^# /);
    const check = await run('rules', 'check', dir);
    expect(check.code).toBe(0);
    expect(check.err).toBe('');
    const t = await run('test', dir);
    expect(t.out).toContain('rule tests: 1 passed, 0 failed');
    expect(t.code).toBe(0);
    const c = path.join(dir, 'in.c');
    fs.writeFileSync(c, 'void f(void *p)\n{\n\tkfree(p);\n}\n');
    const p = await run('port', c, '--rules', dir, '--stdout', '-q');
    expect(p.out).toBe('void f(void *p)\n{\n\t/* Xen: Xen frees with xfree */\n\txfree(p);\n}\n');
  });

  it('refuses a folder that exists and is not empty, and writes nothing there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-init-'));
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'x');
    const r = await run('init', dir);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/already exists and is not an empty folder: refused/);
    expect(fs.readdirSync(dir)).toEqual(['keep.txt']);
  });
});
