/**
 * Quiet by default, honest always: syntax-error warnings (XP007) a port acknowledges (by count or
 * by position) do not print on a passing run; new ones do; JSON and the report still count them;
 * a bad acknowledgement is a rule error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';

let root: string;
const INPUT = 'int a;\nint f(void)\n{\n\tx = = 1;\n\treturn 0;\n}\n';

function port(manifestExtra: string, ...flags: string[]) {
  fs.writeFileSync(path.join(root, 'p', 'port.yaml'), `name: p\nrules: []\n${manifestExtra}`);
  const con = bufferConsole();
  // --json writes the output file (--stdout and --json do not go together).
  const to = flags.includes('--json') ? ['-o', path.join(root, 'out.c')] : ['--stdout'];
  return main(['port', path.join(root, 'drv.c'), '--rules', path.join(root, 'p'), ...to, ...flags], con).then(
    (code) => ({ code, err: con.err, out: con.out }),
  );
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-ack-'));
  fs.mkdirSync(path.join(root, 'p'));
  fs.writeFileSync(path.join(root, 'drv.c'), INPUT);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('acknowledged syntax errors', () => {
  it('print when not acknowledged, even with -q', async () => {
    const r = await port('', '-q');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/drv\.c:4:\d+: warning XP007/);
  });

  it('do not print when acknowledged by count, and still count in JSON', async () => {
    expect((await port('acknowledged-syntax-errors: 1\n')).err).not.toMatch(/XP007/);
    const j = JSON.parse((await port('acknowledged-syntax-errors: 1\n', '--json')).out);
    expect(
      j.diagnostics.filter((d: { code: string; acknowledged?: boolean }) => d.code === 'XP007' && d.acknowledged),
    ).toHaveLength(1);
    expect(j.report.syntaxErrors.input).toBe(1);
  });

  it('print again when there are more than the count', async () => {
    fs.writeFileSync(path.join(root, 'drv.c'), INPUT.replace('return 0;', 'y = = 2;'));
    expect((await port('acknowledged-syntax-errors: 1\n')).err.match(/XP007/g)).toHaveLength(2);
  });

  it('by position: only the listed region is quiet', async () => {
    fs.writeFileSync(path.join(root, 'drv.c'), INPUT.replace('return 0;', 'y = = 2;'));
    const r = await port('acknowledged-syntax-errors: ["drv.c:4"]\n');
    const shown = r.err.match(/drv\.c:\d+:\d+: warning XP007/g) ?? [];
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/drv\.c:5:/);
  });

  it('a bad macro hint in the manifest stops the port with exit 3, naming file:line:col', async () => {
    const r = await port('macros:\n  iterator: [walk]\n');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/port\.yaml:4:14: error XP105: macro hint: iterator 'walk' is too short/);
  });

  it('a malformed acknowledgement is a rule error (exit 3) with its position', async () => {
    const r = await port('acknowledged-syntax-errors: [4]\n');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/port\.yaml:3:\d+: error XP105/);
  });
});
