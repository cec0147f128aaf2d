/**
 * Issue 10, item 8 (the command-line part): CRLF input gives one kind of line end in the output,
 * and XP204 is located in a file an editor can open (it read `file (output):line:col`). `--force`
 * exiting 1 is tested with the other modes in test/cli/modes.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir, writePort } from '../reliability/helpers';

let t: ReturnType<typeof tempDir>;
const p = (...parts: string[]): string => path.join(t.dir, ...parts);
const crlf = (s: string): string => s.replace(/\n/g, '\r\n');
const EXAMPLE = path.resolve(__dirname, '..', '..', 'corpus', 'example');

beforeEach(() => (t = tempDir('xenport-items-')));
afterEach(() => t.cleanup());

/** Line ends of a text: how many CRLF and how many bare LF. */
function lineEnds(text: string): { crlf: number; lf: number } {
  const all = text.split('\n').length - 1;
  const c = text.split('\r\n').length - 1;
  return { crlf: c, lf: all - c };
}

describe('CRLF input', () => {
  test('the example driver with CRLF line ends: the output is the LF golden with CRLF throughout', async () => {
    fs.writeFileSync(p('linux.c'), crlf(fs.readFileSync(path.join(EXAMPLE, 'linux.c'), 'utf8')));
    const r = await cli('port', p('linux.c'), '--rules', path.join(EXAMPLE, 'rules'), '-o', p('xen.c'), '-q');
    expect(r.code).toBe(0);
    const out = fs.readFileSync(p('xen.c'), 'utf8');
    expect(lineEnds(out).lf).toBe(0); // inserted lines (templates, blocks, includes) get CRLF too
    expect(out).toBe(crlf(fs.readFileSync(path.join(EXAMPLE, 'xen.c'), 'utf8')));
  });

  test('regenerating a CRLF Xen file in place from CRLF input: no hand edit reported, the file unchanged', async () => {
    fs.writeFileSync(p('linux.c'), crlf(fs.readFileSync(path.join(EXAMPLE, 'linux.c'), 'utf8')));
    const xen = crlf(fs.readFileSync(path.join(EXAMPLE, 'xen.c'), 'utf8'));
    fs.writeFileSync(p('xen.c'), xen);
    const r = await cli('port', p('linux.c'), '--rules', path.join(EXAMPLE, 'rules'), '--xen', p('xen.c'), '--check');
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/XP300/);
    expect(fs.readFileSync(p('xen.c'), 'utf8')).toBe(xen);
  });

  test('LF input with a CRLF block file: the output is LF throughout', async () => {
    fs.writeFileSync(p('in.c'), 'static int f(void)\n{\n\treturn 0;\n}\n');
    writePort(
      p('rules'),
      {
        'r.yaml':
          'rules:\n  - id: glue\n    kind: insert\n    reason: glue\n    comment: none\n    file: end\n    block: glue\n',
      },
      { 'glue.c': crlf('/* glue */\nint g;\n') },
    );
    const r = await cli('port', p('in.c'), '--rules', p('rules'), '--stdout', '-q');
    expect(r.code).toBe(0);
    expect(r.out).toContain('int g;');
    expect(lineEnds(r.out).crlf).toBe(0);
  });
});

describe('XP204 names a file an editor can open', () => {
  const RULE =
    'rules:\n  - id: alloc\n    kind: replace\n    pattern: "OLD($X)"\n    with: "xzalloc(struct s) +"\n    comment: none\n';
  const C = 'int f(void)\n{\n\treturn OLD(1);\n}\n';

  test('writing a file: the location is that file, at the new syntax error', async () => {
    fs.writeFileSync(p('in.c'), C);
    writePort(p('rules'), { 'r.yaml': RULE });
    const r = await cli('port', p('in.c'), '--rules', p('rules'), '-o', p('out.c'), '-q');
    expect(r.code).toBe(0);
    const m = /^(.*):(\d+):(\d+): warning XP204: /m.exec(r.err);
    expect(m).not.toBeNull();
    const [, file, line] = m as RegExpExecArray;
    expect(file).toBe(p('out.c'));
    expect(fs.readFileSync(file, 'utf8').split('\n')[Number(line) - 1]).toContain('xzalloc(struct s)');
  });

  test('--stdout: the location is the input file, the output line is in the message', async () => {
    fs.writeFileSync(p('in.c'), C);
    writePort(p('rules'), { 'r.yaml': RULE });
    const r = await cli('port', p('in.c'), '--rules', p('rules'), '--stdout', '-q');
    expect(r.err).toMatch(
      new RegExp(
        `^${p('in.c').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: warning XP204: .*; the first at line 3:\\d+ of the output$`,
        'm',
      ),
    );
    expect(r.err).not.toMatch(/\(output\)/);
  });
});
