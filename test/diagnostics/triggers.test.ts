/**
 * Every diagnostic code of the catalog has a test that triggers it, through the command line as a
 * user would meet it. The last test checks that no catalog code is left without a trigger, except
 * the codes that nothing in src/ emits yet (PENDING), which must indeed be unused.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { CATALOG } from '../../src/diagnostics/catalog';
import { cli, tempDir, writePort } from '../reliability/helpers';

/** Codes that no module of src/ emits yet; each must gain a trigger here when something does. */
const PENDING = ['XP500', 'XP501', 'XP502'];

const seen = new Set<string>();
let t: ReturnType<typeof tempDir>;
beforeAll(() => (t = tempDir('xenport-diag-')));
afterAll(() => t.cleanup());

const C_FILE = 'int f(void)\n{\n\treturn OLD(1);\n}\n\nint g(void)\n{\n\treturn 2;\n}\n';

/** Write a file under the temporary folder; returns its path. */
function file(name: string, text: string | Buffer): string {
  const p = path.join(t.dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

/** A port folder with one rule file. */
function rules(name: string, yaml: string, blocks: Record<string, string> = {}): string {
  return writePort(path.join(t.dir, name), { 'r.yaml': yaml }, blocks);
}

const OK_RULES =
  'rules:\n  - id: old-to-new\n    kind: replace\n    pattern: "OLD($X)"\n    with: "NEW($X)"\n    comment: none\n';

/** Run the CLI; record and return the codes it printed, with their severities. */
async function codes(...argv: string[]): Promise<string[]> {
  const r = await cli(...argv);
  const found = [...`${r.err}\n${r.out}`.matchAll(/\b(error|warning|info) (XP\d{3})\b/g)].map((m) => `${m[1]} ${m[2]}`);
  for (const f of found) seen.add(f.split(' ')[1]);
  return found;
}

const port = (input: string, ruleDir: string, ...more: string[]): Promise<string[]> =>
  codes('port', input, '--rules', ruleDir, '--stdout', '-v', ...more);

describe('input files', () => {
  test('XP001 input file not found', async () =>
    expect(await port(path.join(t.dir, 'none.c'), rules('r001', OK_RULES))).toContain('error XP001'));
  test('XP002 input is a directory', async () =>
    expect(await port(t.dir, rules('r002', OK_RULES))).toContain('error XP002'));
  test('XP003 input is empty', async () =>
    expect(await port(file('empty.c', ''), rules('r003', OK_RULES))).toContain('error XP003'));
  test('XP004 input is binary or not UTF-8', async () => {
    expect(await port(file('nul.c', Buffer.from('int x;\0\n')), rules('r004', OK_RULES))).toContain('error XP004');
    expect(
      await port(file('latin1.c', Buffer.from([0x69, 0x6e, 0x74, 0x20, 0xe9, 0x3b, 0x0a])), rules('r004b', OK_RULES)),
    ).toContain('error XP004');
  });
  test('XP005 input does not look like C', async () => {
    expect(
      await port(file('prose.c', 'This is a letter, not a program. Regards!\n'), rules('r005', OK_RULES)),
    ).toContain('error XP005');
    expect(await port(file('open-comment.c', 'int f(void)\n{\n\ti/*p = 1;\n}\n'), rules('r005b', OK_RULES))).toContain(
      'error XP005',
    );
  });
  test('XP006 input too large', async () =>
    expect(await port(file('big.c', Buffer.alloc(8 * 1024 * 1024 + 1, 0x61)), rules('r006', OK_RULES))).toContain(
      'error XP006',
    ));
  test('XP007 syntax error region', async () =>
    expect(
      await port(file('syntax.c', `struct s {\n\tint map map;\n};\n${C_FILE}`), rules('r007', OK_RULES)),
    ).toContain('warning XP007'));
  test('XP009 invalid checks file (xenport report --checks)', async () => {
    const out = path.join(t.dir, 'report-009');
    expect(
      await codes(
        'report',
        file('ok009.c', C_FILE),
        '--rules',
        rules('r009', OK_RULES),
        '-o',
        out,
        '--checks',
        file('bad.json', '{"checks": [ {"name": "build", "status": "green"} ]}'),
      ),
    ).toContain('error XP009');
    expect(
      await codes(
        'report',
        file('ok009b.c', C_FILE),
        '--rules',
        rules('r009b', OK_RULES),
        '-o',
        out,
        '--checks',
        file('bad2.json', '{"checks": [\n  {"name": "x",}\n]}'),
      ),
    ).toContain('error XP009');
    expect(fs.existsSync(out)).toBe(false);
  });
  test('XP008 cannot read file (a socket is not readable as a file)', async () => {
    const sock = path.join(t.dir, 'sock.c');
    const server = net.createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    try {
      expect(await port(sock, rules('r008', OK_RULES))).toContain('error XP008');
    } finally {
      server.close();
    }
  });
});

describe('rules', () => {
  const c = (): string => file('in.c', C_FILE);
  test('XP100 rules folder not found', async () =>
    expect(await port(c(), path.join(t.dir, 'no-rules'))).toContain('error XP100'));
  test('XP101 port manifest missing', async () => {
    fs.mkdirSync(path.join(t.dir, 'r101'));
    expect(await port(c(), path.join(t.dir, 'r101'))).toContain('error XP101');
  });
  test('XP102 malformed YAML', async () =>
    expect(await port(c(), rules('r102', 'rules: [\n'))).toContain('error XP102'));
  test('XP103 unknown key', async () =>
    expect(await port(c(), rules('r103', `${OK_RULES}    colour: red\n`))).toContain('error XP103'));
  test('XP104 unknown rule kind', async () =>
    expect(await port(c(), rules('r104', 'rules:\n  - id: a\n    kind: rename\n    function: f\n'))).toContain(
      'error XP104',
    ));
  test('XP105 invalid rule', async () =>
    expect(await port(c(), rules('r105', `${OK_RULES}    expect: lots\n`))).toContain('error XP105'));
  test('XP106 pattern does not parse as C', async () =>
    expect(await port(c(), rules('r106', 'rules:\n  - id: a\n    kind: delete\n    pattern: "))) {{"\n'))).toContain(
      'error XP106',
    ));
  test('XP107 unbound metavariable in template', async () =>
    expect(await port(c(), rules('r107', OK_RULES.replace('NEW($X)', 'NEW($Y)')))).toContain('error XP107'));
  test('XP108 duplicate rule id', async () =>
    expect(await port(c(), rules('r108', `${OK_RULES}${OK_RULES.replace('rules:\n', '')}`))).toContain('error XP108'));
  test('XP109 rule file not found', async () => {
    const dir = rules('r109', OK_RULES);
    fs.appendFileSync(path.join(dir, 'port.yaml'), '  - missing.yaml\n');
    expect(await port(c(), dir)).toContain('error XP109');
  });
  test('XP110 invalid tree-sitter query', async () =>
    expect(
      await port(c(), rules('r110', 'rules:\n  - id: a\n    kind: delete\n    query: "(no_such_node) @target"\n')),
    ).toContain('error XP110'));
  test('XP111 block file not found', async () =>
    expect(
      await port(c(), rules('r111', 'rules:\n  - id: a\n    kind: insert\n    function: g\n    block: nowhere\n')),
    ).toContain('error XP111'));
  test('XP112 include cycle', async () => {
    const dir = rules('r112', OK_RULES);
    fs.appendFileSync(path.join(dir, 'port.yaml'), 'include: [.]\n');
    expect(await port(c(), dir)).toContain('error XP112');
  });
});

describe('matching and edits', () => {
  const c = (): string => file('in.c', C_FILE);
  test('XP200 drift', async () =>
    expect(await port(c(), rules('r200', `${OK_RULES}    expect: 2\n`))).toContain('error XP200'));
  test('XP201 overlapping edits', async () => {
    const y = `${OK_RULES}  - id: whole-return\n    kind: replace\n    pattern: "return OLD($X);"\n    with: "return 0;"\n    comment: none\n`;
    expect(await port(c(), rules('r201', y))).toContain('error XP201');
  });
  test('XP202 edit inside a disabled region not applied', async () => {
    const y = `${OK_RULES}  - id: no-f\n    kind: disable\n    reason: unused\n    function: f\n`;
    expect(await port(c(), rules('r202', y))).toContain('info XP202');
  });
  test('XP203 type of a metavariable cannot be determined', async () => {
    const y =
      'rules:\n  - id: typed\n    kind: replace\n    pattern: "ALLOC(sizeof(*$P))"\n    types: { T: "*$P" }\n    with: "NEW($T)"\n    comment: none\n';
    expect(
      await port(file('alloc.c', 'void f(void)\n{\n\ta = ALLOC(sizeof(*nowhere));\n}\n'), rules('r203', y)),
    ).toContain('error XP203');
  });
  test('XP204 output has new syntax errors', async () =>
    expect(await port(c(), rules('r204', OK_RULES.replace('NEW($X)', 'NEW($X) +')))).toContain('warning XP204'));
  test('XP205 anchor not usable', async () =>
    expect(
      await port(c(), rules('r205', OK_RULES.replace('comment: none', 'comment: in-comment\n    reason: why'))),
    ).toContain('error XP205'));
});

describe('Xen-owned text and output', () => {
  const c = (): string => file('in.c', C_FILE);
  const expected = C_FILE.replace('OLD(1)', 'NEW(1)');
  test('XP300 text in the existing Xen file not accounted for', async () => {
    const xen = file('xen300.c', expected.replace('\treturn 2;\n', '\treturn 2; /* hand edit */\n'));
    expect(await codes('port', c(), '--rules', rules('r300', OK_RULES), '--xen', xen, '-q')).toContain('error XP300');
  });
  test('XP301 block not found in the existing Xen file', async () => {
    const y =
      'rules:\n  - id: glue\n    kind: insert\n    where: after\n    comment: none\n    function: g\n    block: glue\n';
    const xen = file('xen301.c', C_FILE);
    expect(
      await codes('port', c(), '--rules', rules('r301', y, { 'glue.c': '/* glue */\n' }), '--xen', xen, '--stdout'),
    ).toContain('warning XP301');
  });
  test('XP302 existing Xen file unreadable / --base without --xen', async () =>
    expect(await codes('port', c(), '--rules', rules('r302', OK_RULES), '--base', c(), '--stdout')).toContain(
      'error XP302',
    ));
  test('XP303 split block cannot be derived', async () => {
    rules('r303-before', OK_RULES); // the port before the split
    const after = rules('r303', OK_RULES);
    fs.appendFileSync(
      path.join(after, 'port.yaml'),
      `split:\n  before: ../r303-before\n  header: in.h\n  blocks:\n    - { name: defs, items: [no_such_item] }\n`,
    );
    const xen = file('xen303.c', expected);
    expect(await codes('port', c(), '--rules', after, '--xen', xen, '--base', c(), '--stdout')).toContain(
      'error XP303',
    );
  });
  test('XP400 output not writable', async () =>
    expect(
      await codes('port', c(), '--rules', rules('r400', OK_RULES), '-o', path.join(t.dir, 'no', 'dir', 'out.c')),
    ).toContain('error XP400'));
  test('XP401 output differs (--check)', async () =>
    expect(
      await codes('port', c(), '--rules', rules('r401', OK_RULES), '-o', file('stale.c', C_FILE), '--check'),
    ).toContain('error XP401'));
  test('XP402 output file not found (--check)', async () =>
    expect(
      await codes('port', c(), '--rules', rules('r402', OK_RULES), '-o', path.join(t.dir, 'absent.c'), '--check'),
    ).toContain('error XP402'));
});

// ---- issue 10, rules half (safety-rules): confinement, limits, order ----
describe('rule safety (issue 10)', () => {
  const c = (): string => file('in.c', C_FILE);
  test('XP113 a folder included at the same distance with different files:', async () => {
    writePort(path.join(t.dir, 'r113', 'lib'), { 'r.yaml': OK_RULES });
    file('r113/a/port.yaml', 'name: a\ninclude: [{ path: ../lib, files: "*.h" }]\nrules: []\n');
    file('r113/b/port.yaml', 'name: b\ninclude: [{ path: ../lib, files: "*.c" }]\nrules: []\n');
    const top = path.dirname(file('r113/top/port.yaml', 'name: top\ninclude: [../a, ../b]\nrules: []\n'));
    expect(await port(c(), top)).toContain('error XP113');
  });
  test('XP120 path outside the port folders', async () => {
    const dir = rules('r120', OK_RULES);
    fs.writeFileSync(
      path.join(dir, 'port.yaml'),
      `name: t\nrules: [${JSON.stringify(file('outside120.yaml', OK_RULES))}]\n`,
    );
    expect(await port(c(), dir)).toContain('error XP120');
  });
  test('XP121 not a regular file', async () => {
    const dir = rules('r121', OK_RULES);
    fs.mkdirSync(path.join(dir, 'blocks'));
    fs.symlinkSync(path.join(t.dir, 'nowhere121.c'), path.join(dir, 'blocks', 'dangling.c'));
    expect(await port(c(), dir)).toContain('error XP121');
  });
  test('XP122 rule or block file too large', async () =>
    expect(await port(c(), rules('r122', `${OK_RULES}#${'x'.repeat(1024 * 1024)}\n`))).toContain('error XP122'));
  test('XP210 pattern too costly to match', async () => {
    const body = Array.from({ length: 1200 }, (_, i) => (i % 2 ? '\tb();' : '\tc();')).join('\n');
    const y =
      'rules:\n  - id: seqs\n    kind: delete\n    pattern: "{ $$$A; b(); $$$B; c(); $$$C; d(); }"\n    expect: ">=0"\n';
    expect(await port(file('in210.c', `void f(void)\n{\n\td(1);\n${body}\n}\n`), rules('r210', y))).toContain(
      'error XP210',
    );
  });
  test('XP212 match inside a #define body not edited', async () => {
    const y = 'rules:\n  - id: off\n    kind: disable\n    reason: r\n    pattern: "OLD($X);"\n';
    const src = '#define DROP(p) do { \\\n\tOLD(p); \\\n} while (0)\n';
    expect(await port(file('in212.c', src), rules('r212', y))).toContain('warning XP212');
  });
  test('XP211 rule output too large', async () => {
    const y = `rules:\n  - id: wide\n    kind: replace\n    pattern: "OLD($X)"\n    with: "NEW(${'$X'.repeat(9000)})"\n`;
    expect(
      await port(file('in211.c', `int f(void)\n{\n\treturn OLD(${'a'.repeat(2000)});\n}\n`), rules('r211', y)),
    ).toContain('error XP211');
  });
});
describe('Xen-owned text (issue 10)', () => {
  test('XP310 most of the existing Xen file unaccounted for', async () => {
    const xen = file('xen310.c', `${Array.from({ length: 40 }, (_, i) => `int hand_${i};`).join('\n')}\n${C_FILE}`);
    expect(
      await codes('port', file('in310.c', C_FILE), '--rules', rules('r310', OK_RULES), '--xen', xen, '-q'),
    ).toContain('error XP310');
  });
});
// ---- end of issue 10, rules half ----
describe('learning rules (xenport learn)', () => {
  test('XP600 not a port of this Linux file', async () => {
    const other = file('other600.c', '/* another driver */\nstatic void unrelated(int x)\n{\n\tx++;\n}\n');
    expect(await codes('learn', file('in600.c', C_FILE), other, '-o', path.join(t.dir, 'l600'))).toContain(
      'error XP600',
    );
  });
  test('XP601 port folder exists', async () => {
    fs.mkdirSync(path.join(t.dir, 'l601'));
    expect(
      await codes(
        'learn',
        file('in601.c', C_FILE),
        file('xen601.c', C_FILE.replace('OLD(1)', 'NEW(1)')),
        '-o',
        path.join(t.dir, 'l601'),
      ),
    ).toContain('error XP601');
  });
  test('XP602 learned rules do not reproduce the Xen file', async () => {
    // A changed preprocessor condition: no rule kind selects an #ifdef line.
    const linux = file('in602.c', '#ifdef CONFIG_A\nint f(void)\n{\n\treturn 1;\n}\n#endif\n');
    const xen = file('xen602.c', '#ifdef CONFIG_B\nint f(void)\n{\n\treturn 1;\n}\n#endif\n');
    expect(await codes('learn', linux, xen, '-o', path.join(t.dir, 'l602'))).toContain('error XP602');
  });
});

describe('coverage of the catalog', () => {
  test('every catalog code was triggered above, or is pending and emitted nowhere in src/', () => {
    const all = Object.keys(CATALOG).sort();
    const missing = all.filter((code) => !seen.has(code) && !PENDING.includes(code));
    expect(missing).toEqual([]);
  });
  test('pending codes are really not emitted yet (else they need a trigger test)', () => {
    const src = path.resolve(__dirname, '..', '..', 'src');
    const texts: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && !p.endsWith(path.join('diagnostics', 'catalog.ts')))
          texts.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(src);
    const used = PENDING.filter((code) => texts.some((x) => x.includes(`'${code}'`) || x.includes(`"${code}"`)));
    expect(used).toEqual([]);
  });
});
