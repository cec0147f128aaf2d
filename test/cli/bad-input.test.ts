/**
 * The bad-input matrix: each bad input gets a one-line error naming the file (and line:col where
 * it applies), a documented exit code, no stack trace, and no output file created or modified.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';

const GOOD_C = 'static int f(void)\n{\n\tkfree(p);\n\treturn 0;\n}\n';
const GOOD_RULE =
  'rules:\n  - id: free\n    kind: replace\n    pattern: "kfree($X)"\n    with: "xfree($X)"\n    comment: none\n';

let dir: string;
const p = (...parts: string[]): string => path.join(dir, ...parts);

function write(rel: string, content: string | Buffer): string {
  fs.mkdirSync(path.dirname(p(rel)), { recursive: true });
  fs.writeFileSync(p(rel), content);
  return p(rel);
}

function rules(name: string, body: string): string {
  write(`${name}/port.yaml`, 'name: t\nrules: [r.yaml]\n');
  write(`${name}/r.yaml`, body);
  return p(name);
}

/** Run the CLI; check the universal properties; return exit code and stderr. */
async function run(args: string[], output = p('out', 'xen.c')): Promise<{ code: number; err: string }> {
  const before = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : undefined;
  const out = bufferConsole();
  const code = await main([...args, '-o', output, '-q'], out);
  expect(out.err).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/); // no stack trace
  const after = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : undefined;
  expect(after).toBe(before); // nothing created or modified
  if (fs.existsSync(path.dirname(output)) && fs.statSync(path.dirname(output)).isDirectory())
    expect(fs.readdirSync(path.dirname(output)).filter((f) => f.includes('xenport') && f.endsWith('.tmp'))).toEqual([]);
  return { code, err: out.err };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-bad-'));
  fs.mkdirSync(p('out'));
  fs.writeFileSync(p('out', 'xen.c'), '/* previous output */\n');
  write('in.c', GOOD_C);
  rules('rules', GOOD_RULE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bad input', () => {
  const cases: Array<[string, () => string[], number, RegExp]> = [
    [
      'input missing',
      () => ['port', p('nope.c'), '--rules', p('rules')],
      4,
      /nope\.c:1:1: error XP001: input file not found/,
    ],
    ['input is a directory', () => ['port', p('rules'), '--rules', p('rules')], 4, /error XP002: input is a directory/],
    ['empty input', () => ['port', write('empty.c', ''), '--rules', p('rules')], 4, /empty\.c:1:1: error XP003/],
    [
      'binary input',
      () => ['port', write('bin.c', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0])), '--rules', p('rules')],
      4,
      /bin\.c:1:5: error XP004: input is binary/,
    ],
    [
      'non-UTF-8 input',
      () => ['port', write('latin1.c', Buffer.from('int x;\n/* caf\xe9 */\n', 'latin1')), '--rules', p('rules')],
      4,
      /latin1\.c:2:7: error XP004: input is not valid UTF-8/,
    ],
    [
      'text that is not C',
      () => [
        'port',
        write(
          'prose.c',
          'This is a letter, not a program.\nDear maintainers: please, review? (thanks) ::: !!!\n'.repeat(20),
        ),
        '--rules',
        p('rules'),
      ],
      4,
      /prose\.c:1:1: error XP005/,
    ],
    [
      'a 10 MB input',
      () => ['port', write('big.c', `/*${'x'.repeat(10 * 1024 * 1024)}*/\n`), '--rules', p('rules')],
      4,
      /big\.c:1:1: error XP006: input \S*big\.c is over the 8 MiB limit\n/,
    ],
    ['rules folder missing', () => ['port', p('in.c'), '--rules', p('no-rules')], 3, /error XP100/],
    [
      'malformed YAML',
      () => ['port', p('in.c'), '--rules', rules('r2', 'rules:\n  - id: a\n    kind: [replace\n')],
      3,
      /r\.yaml:\d+:\d+: error XP102/,
    ],
    [
      'unknown key',
      () => ['port', p('in.c'), '--rules', rules('r3', `${GOOD_RULE}    colour: blue\n`)],
      3,
      /r\.yaml:7:5: error XP103: .*colour/,
    ],
    [
      'unknown rule kind',
      () => ['port', p('in.c'), '--rules', rules('r4', GOOD_RULE.replace('kind: replace', 'kind: rewrite'))],
      3,
      /r\.yaml:3:11: error XP104/,
    ],
    [
      'a pattern that does not parse as C',
      () => ['port', p('in.c'), '--rules', rules('r5', GOOD_RULE.replace('kfree($X)', 'kfree(($X'))],
      3,
      /r\.yaml:4:\d+: error XP106/,
    ],
    [
      'a template with an unbound metavariable',
      () => ['port', p('in.c'), '--rules', rules('r6', GOOD_RULE.replace('xfree($X)', 'xfree($Y)'))],
      3,
      /r\.yaml:5:\d+: error XP107/,
    ],
    [
      'two rules editing overlapping text',
      () => [
        'port',
        p('in.c'),
        '--rules',
        rules(
          'r7',
          `${GOOD_RULE}  - id: whole\n    kind: replace\n    pattern: "kfree(p);"\n    with: "free_all();"\n    comment: none\n`,
        ),
      ],
      1,
      /in\.c:3:2: error XP201: rules 'free' \(.*r\.yaml:2\) and 'whole' \(.*r\.yaml:7\) edit overlapping text/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, exit, message) => {
    const { code, err } = await run(args());
    expect(code).toBe(exit);
    expect(err).toMatch(message);
  });

  it('output folder not writable (missing folder, or a file in the way)', async () => {
    const missing = await run(['port', p('in.c'), '--rules', p('rules')], p('no-such-dir', 'xen.c'));
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/no-such-dir\/xen\.c:1:1: error XP400: cannot write/);
    write('afile', 'x');
    const blocked = fs.existsSync(p('afile', 'xen.c'));
    expect(blocked).toBe(false);
    const out = bufferConsole();
    expect(await main(['port', p('in.c'), '--rules', p('rules'), '-o', p('afile', 'xen.c'), '-q'], out)).toBe(4);
    expect(out.err).toMatch(/error XP400: cannot write .*ENOTDIR/);
  });

  it('usage errors exit 2 with a hint, without a stack trace', async () => {
    const out = bufferConsole();
    expect(await main(['port', p('in.c')], out)).toBe(2);
    expect(out.err).toMatch(/missing option --rules/);
    const out2 = bufferConsole();
    expect(await main(['frobnicate'], out2)).toBe(2);
    expect(out2.err).toMatch(/unknown command 'frobnicate'/);
  });
});
