/**
 * Regression tests for every crash and property violation the fuzz harness found (see
 * docs/RELIABILITY.md). Each test is the shrunk counterexample, rewritten as a small input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseSource } from '../../src/parse';
import { port } from '../../src/port';
import { parseRuleFile } from '../../src/rules';
import { cli, ruleSetOf, tempDir, writePort } from './helpers';

describe('fuzz finding 1: a query with an error at offset 0 crashed the process (segfault)', () => {
  // node-tree-sitter 0.22.4 leaves a null query when the error is at offset 0; fixed in compileQuery.
  test.each(['.', ')', '/5!~YnU=', 'identifier', '#eq?', '"'])('query %j is XP110, not a crash', (q) => {
    const r = parseRuleFile(`rules:\n  - id: q\n    kind: delete\n    query: ${JSON.stringify(q)}\n`, 'r.yaml');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['XP110']);
    expect(r.diagnostics[0].message).toContain('at position 0');
  });
  test('positions after offset 0 are still reported as written', () => {
    const r = parseRuleFile('rules:\n  - id: q\n    kind: delete\n    query: "(identifier) @target)"\n', 'r.yaml');
    expect(r.diagnostics[0].message).toContain('at position 20');
  });
});

describe('fuzz finding 2: an unterminated comment was read as code, so a comment from a rule closed it and swallowed code', () => {
  // `i/*p = 1;` parses as a division; the rule's `/* Xen: ... */` then closed the comment and swallowed code.
  const text = 'int f(void)\n{\n\ti/*p = 1;\n\treturn 0;\n}\n\nint g(void)\n{\n\treturn 1;\n}\n';
  const rules = ruleSetOf('rules:\n  - id: no-g\n    kind: disable\n    reason: unused\n    function: g\n');
  test('the input reports the unterminated comment as XP007', () => {
    const s = parseSource(text, 'in.c');
    expect(s.syntaxErrors.map((d) => `${d.location?.line}:${d.location?.col} ${d.message}`)).toEqual([
      "3:3 unterminated comment: '/*' without a closing '*/'",
    ]);
  });
  test('the port refuses the input (XP005) instead of writing code swallowed by a comment', () => {
    const r = port({ text, file: 'in.c' }, rules);
    expect(r.output).toBe('');
    expect(r.diagnostics.map((d) => `${d.code}@${d.location?.line}:${d.location?.col}`)).toEqual(['XP005@3:3']);
  });
  test('a comment that is closed is not reported', () => {
    expect(parseSource('int x; /* a */ int y; // /* b\n', 'in.c').syntaxErrors).toEqual([]);
  });
});

describe('fuzz finding 3: a UTF-8 byte order mark moved off the first line', () => {
  const text = '\uFEFF#include <linux/x.h>\n\nint f(void);\n';
  const rules = ruleSetOf(
    'rules:\n  - id: head\n    kind: insert\n    comment: none\n    where: before\n    file: start\n    text: "/* generated */"\n',
  );
  test('an insert at the start of the file goes after the BOM', () => {
    const r = port({ text, file: 'in.c' }, rules);
    expect(r.output.startsWith('\uFEFF/* generated */\n#include')).toBe(true);
    expect(r.report.syntaxErrors.output).toBe(0);
  });
  test('the CLI keeps the BOM byte for byte', async () => {
    const t = tempDir();
    try {
      const dir = writePort(path.join(t.dir, 'rules'), {
        'r.yaml': 'rules:\n  - id: f-gone\n    kind: delete\n    function: f\n',
      });
      const input = path.join(t.dir, 'in.c');
      fs.writeFileSync(input, '\uFEFFint f(void) { return 0; }\nint g(void);\n');
      const r = await cli('port', input, '--rules', dir, '-o', path.join(t.dir, 'out.c'), '-q');
      expect(r.code).toBe(0);
      expect(fs.readFileSync(path.join(t.dir, 'out.c')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    } finally {
      t.cleanup();
    }
  });
});

describe('fuzz finding 4: deeply nested input overflowed the JS stack while collecting syntax errors', () => {
  // 6,868 parentheses with an error inside made the recursive walk in parseSource throw RangeError.
  test.each([
    ['(', ')'],
    ['{', '}'],
    ['[', ']'],
  ])('%s x 20000 with an error inside: syntax errors listed, no exception', (open, close) => {
    const text = `int f(void)\n{\n\treturn ${open.repeat(20000)}1 +;${close.repeat(20000)};\n}\n`;
    const s = parseSource(text, 'in.c');
    expect(s.syntaxErrors.length).toBeGreaterThan(0);
    const r = port({ text, file: 'in.c' }, ruleSetOf('rules:\n  - id: f-gone\n    kind: delete\n    function: f\n'));
    expect(Array.isArray(r.diagnostics)).toBe(true);
  });
});

describe('fuzz finding 5: text inserted at the end of a file that ends inside an unfinished construct', () => {
  // A truncated `MODULE_DESCRIPTION(` at EOF swallowed the block the rules append at the end.
  const rules = ruleSetOf(
    'rules:\n  - id: tail\n    kind: insert\n    comment: none\n    file: end\n    text: "static int glue;"\n',
  );
  test('XP205 at the unfinished construct, nothing inserted', () => {
    const text = 'int f(void)\n{\n\treturn 0;\n}\n\nint g(void)\n{\n\treturn 1;\n}\n\nMODULE_DESCRIPTION(\n';
    const r = port({ text, file: 'in.c' }, rules);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.location?.line}`)).toEqual([
      'XP205@11',
    ]);
  });
  test('a file whose last function has an error inside, not at its end, still gets the insert', () => {
    const r = port(
      { text: 'int f(void)\n{\n\tx = container_of(p, struct s, m);\n\treturn 0;\n}\n', file: 'in.c' },
      rules,
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.output).toContain('static int glue;');
  });
});

describe('fuzz finding 6: a YAML alias without its anchor made the rule loader throw', () => {
  // `*` or `*x` with no `&x` threw ReferenceError from the YAML library's toJS; alias bombs throw too.
  test.each([
    ['unset alias', 'rules:\n  - id: a\n    kind: delete\n    function: *f\n', 4, 15],
    [
      'alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ).join('\n')}\nrules: []\n`,
      0,
      0,
    ],
  ])('%s: XP102, no exception', (_name, yaml, line, col) => {
    const r = parseRuleFile(yaml as string, 'r.yaml');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['XP102']);
    if (line) expect(r.diagnostics[0].location).toMatchObject({ line, col });
  });
});

describe('fuzz finding 7: kernel braces put after a // comment, inside it', () => {
  // `if (x) // why` + a two-statement template gave `if (x) // why {`: valid C made invalid.
  const rules = ruleSetOf(
    'rules:\n  - id: r\n    kind: replace\n    comment: none\n    pattern: "return $E;"\n    with: |\n      err = $E;\n      goto out;\n',
  );
  test('on valid C the brace goes before the comment, which is kept', () => {
    const text =
      'int f(int x)\n{\n\tif (x) // why\n\t\treturn -ENODEV;\n\tif (x) /* because */\n\t\treturn 1;\n\treturn 0;\n}\n';
    const r = port({ text, file: 'in.c' }, rules);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toContain('\tif (x) { // why\n\t\terr = -ENODEV;\n\t\tgoto out;\n\t}\n');
    expect(r.output).toContain('\tif (x) /* because */ {\n');
    expect(r.report.syntaxErrors.output).toBe(0);
  });
  test('a header that does not parse (a // inside the condition) is XP205, not a guess', () => {
    const text = 'int f(int x)\n{\n\tif (!x->n//um || x)\n\t\treturn -ENODEV;\n\treturn 0;\n}\n';
    const r = port({ text, file: 'in.c' }, rules);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.location?.line}`)).toEqual([
      'XP205@3',
    ]);
  });
});
