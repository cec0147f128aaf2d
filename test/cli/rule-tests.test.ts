/** `xenport test` on rule tests as data (<port>/tests/<rule-id>.yaml): pass, fail, --update, bad files. */
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
`;

/** A port folder with one rule and the given test file text; returns the port folder. */
function portWithTest(test: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-ruletest-'));
  fs.writeFileSync(path.join(dir, 'port.yaml'), 'name: t\nrules: [r.yaml]\n');
  fs.writeFileSync(path.join(dir, 'r.yaml'), RULES);
  fs.mkdirSync(path.join(dir, 'tests'));
  fs.writeFileSync(path.join(dir, 'tests', 'use-xfree.yaml'), test);
  return dir;
}

const run = runCli;

const GOOD = `valid:
  - "void f(void) { my_kfree(p); }\\n"
invalid:
  - code: "void f(void) { kfree(p); }\\n"
    output: "void f(void) { xfree(p); }\\n"
`;

describe('rule tests', () => {
  const saved = process.env.CI;
  afterEach(() => {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  });

  it('pass: the valid snippet does not match, the invalid one gives its output', async () => {
    const r = await run('test', portWithTest(GOOD));
    expect(r.out).toMatch(/PASS .*use-xfree\.yaml \(1 valid, 1 invalid\)/);
    expect(r.out).toContain('rule tests: 1 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  it('fail: a valid snippet that matches, an output that differs (with a diff), each at its YAML line', async () => {
    const dir = portWithTest(
      `valid:\n  - "void f(void) { kfree(p); }\\n"\ninvalid:\n  - code: "void f(void) { kfree(p); }\\n"\n    output: "void f(void) { free(p); }\\n"\n`,
    );
    const r = await run('test', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/use-xfree\.yaml:2: valid\[1\] must not match, but use-xfree matched 1 time/);
    expect(r.out).toMatch(/use-xfree\.yaml:4: invalid\[1\] output differs/);
    expect(r.out).toContain('-void f(void) { free(p); }');
    expect(r.out).toContain('+void f(void) { xfree(p); }');
    expect(r.out).toContain('rule tests: 0 passed, 1 failed');
  });

  it('an invalid snippet that does not match fails; so does an exact matches: count that differs', async () => {
    const r = await run(
      'test',
      portWithTest(
        `invalid:\n  - code: "void f(void) { g(p); }\\n"\n    output: "x"\n  - code: "void f(void) { kfree(a); kfree(b); }\\n"\n    matches: 1\n`,
      ),
    );
    expect(r.out).toMatch(/invalid\[1\] must match at least once, but use-xfree matched 0 time/);
    expect(r.out).toMatch(/invalid\[2\] must match 1, but use-xfree matched 2 time/);
    expect(r.code).toBe(1);
  });

  it('--update writes the missing outputs, keeping comments; then the test passes', async () => {
    const dir = portWithTest(`# my comment\ninvalid:\n  - code: "void f(void) { kfree(p); }\\n"\n`);
    delete process.env.CI;
    expect((await run('test', dir)).out).toMatch(/has no expected output: write it with xenport test --update/);
    const u = await run('test', dir, '--update');
    expect(u.out).toMatch(/UPDATED .*use-xfree\.yaml \(1 output\(s\)\)/);
    const text = fs.readFileSync(path.join(dir, 'tests', 'use-xfree.yaml'), 'utf8');
    expect(text).toContain('# my comment');
    expect(text).toContain('    output: |\n      void f(void) { xfree(p); }\n');
    expect((await run('test', dir)).code).toBe(0);
  });

  it('--update is refused under CI=true', async () => {
    process.env.CI = 'true';
    const r = await run('test', portWithTest(GOOD), '--update');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--update is refused under CI=true/);
  });

  it('an unknown rule id names the closest one; a malformed file gives file:line', async () => {
    const dir = portWithTest(GOOD);
    fs.writeFileSync(path.join(dir, 'tests', 'use-xfre.yaml'), GOOD);
    fs.writeFileSync(path.join(dir, 'tests', 'bad.yaml'), 'valid:\n  - code: [1]\n');
    fs.writeFileSync(path.join(dir, 'tests', 'extra.yaml'), 'rule: use-xfree\nvalids: []\n');
    const r = await run('test', dir);
    expect(r.out).toMatch(/use-xfre\.yaml:1: no rule 'use-xfre' in .*; did you mean 'use-xfree'\?/);
    expect(r.out).toMatch(/bad\.yaml:2: valid: code must be a string/);
    expect(r.out).toMatch(/extra\.yaml:2: unknown key 'valids'/);
    expect(r.out).toContain('rule tests: 1 passed, 3 failed');
  });

  it('a folder with neither cases nor rule tests is a usage error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-empty-'));
    const r = await run('test', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no golden case \(case\.yaml\) or rule test/);
  });
});
