/** CLI modes of `xenport port` (--check, --diff, --stdout, --json, --force, regenerate in place) and `rules check`. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';

let dir: string;
const p = (...parts: string[]): string => path.join(dir, ...parts);
const C = 'static int f(void)\n{\n\tkfree(p);\n\treturn 0;\n}\n';
const PORTED = C.replace('kfree', 'xfree');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-cli-'));
  fs.writeFileSync(p('in.c'), C);
  fs.mkdirSync(p('rules'));
  fs.writeFileSync(p('rules', 'port.yaml'), 'name: t\nrules: [r.yaml]\n');
  fs.writeFileSync(
    p('rules', 'r.yaml'),
    'rules:\n  - id: free\n    kind: replace\n    pattern: "kfree($X)"\n    with: "xfree($X)"\n    comment: none\n    expect: 1\n',
  );
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out = bufferConsole();
  const code = await main(args, out);
  return { code, out: out.out, err: out.err };
}

describe('xenport port', () => {
  it('writes the output and prints the report', async () => {
    const r = await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('xen.c'));
    expect(r.code).toBe(0);
    expect(fs.readFileSync(p('xen.c'), 'utf8')).toBe(PORTED);
    expect(r.err).toMatch(/free +replace +1 +1 +1/);
    expect(r.err).toMatch(/Linux lines kept verbatim: 4 of 5 \(80\.0%\)/);
  });

  it('--check exits 0 when identical, 1 with a unified diff when different, 1 when the file is missing', async () => {
    fs.writeFileSync(p('xen.c'), PORTED);
    expect((await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('xen.c'), '--check', '-q')).code).toBe(0);
    fs.writeFileSync(p('xen.c'), C);
    const r = await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('xen.c'), '--check', '-q');
    expect(r.code).toBe(1);
    expect(r.out).toContain('-\tkfree(p);\n+\txfree(p);');
    expect(r.err).toMatch(/xen\.c:3:1: error XP401/);
    expect(fs.readFileSync(p('xen.c'), 'utf8')).toBe(C);
    expect((await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('gone.c'), '--check', '-q')).code).toBe(1);
    expect(fs.existsSync(p('gone.c'))).toBe(false);
  });

  it('--check defaults to the --xen file', async () => {
    fs.writeFileSync(p('xen.c'), PORTED);
    expect((await cli('port', p('in.c'), '--rules', p('rules'), '--xen', p('xen.c'), '--check', '-q')).code).toBe(0);
  });

  it('--diff prints the diff and writes nothing; --stdout prints the output', async () => {
    fs.writeFileSync(p('xen.c'), C);
    const d = await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('xen.c'), '--diff', '-q');
    expect(d.code).toBe(0);
    expect(d.out).toContain('+\txfree(p);');
    expect(fs.readFileSync(p('xen.c'), 'utf8')).toBe(C);
    const s = await cli('port', p('in.c'), '--rules', p('rules'), '--stdout', '-q');
    expect(s.out).toBe(PORTED);
  });

  it('--json prints a machine-readable result', async () => {
    const r = await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('xen.c'), '--json');
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ok: true, exitCode: 0, written: p('xen.c') });
    expect(j.report.rules[0]).toMatchObject({ id: 'free', matches: 1, linesTouched: 1 });
  });

  it('writes nothing on drift unless --force, which writes and still exits 1 (issue 10, item 8)', async () => {
    fs.writeFileSync(
      p('rules', 'r.yaml'),
      fs.readFileSync(p('rules', 'r.yaml'), 'utf8').replace('expect: 1', 'expect: 2'),
    );
    const r = await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('xen.c'), '-q');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/r\.yaml:2:9: error XP200: rule 'free' expected 2 match\(es\), found 1 \[free\]/);
    expect(fs.existsSync(p('xen.c'))).toBe(false);
    const forced = await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('xen.c'), '-q', '--force');
    expect(forced.code).toBe(1);
    expect(forced.err).toMatch(/error XP200/);
    expect(fs.readFileSync(p('xen.c'), 'utf8')).toBe(PORTED);
    const json = await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('xen.c'), '--force', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, exitCode: 1 });
  });

  it('needs an output, and --base needs --xen', async () => {
    expect((await cli('port', p('in.c'), '--rules', p('rules'))).code).toBe(2);
    expect((await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('x.c'), '--base', p('in.c'))).code).toBe(2);
  });

  it('--help explains commands, options and exit codes', async () => {
    const r = await cli('port', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--check/);
    expect(r.out).toMatch(/Exit codes:/);
  });
});

describe('xenport rules check', () => {
  it('validates a port folder', async () => {
    const r = await cli('rules', 'check', p('rules'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 rules in 1 files \(replace 1\); valid/);
    fs.writeFileSync(p('rules', 'r.yaml'), 'rules:\n  - id: x\n    kind: nope\n');
    expect((await cli('rules', 'check', p('rules'))).code).toBe(3);
  });
});
