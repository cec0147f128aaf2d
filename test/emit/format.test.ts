/**
 * The formatters (src/emit/format): each command result rendered as text and as JSON, and the
 * boundary that makes them the one place output is written: command handlers in src/cli build
 * results and print chunks, they assemble no output text of their own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { diag } from '../../src/diagnostics';
import {
  caseText,
  Chunk,
  errorText,
  explainText,
  formatFor,
  goldenTotalsText,
  PortOutcome,
  RulesCheckResult,
  ruleTestText,
  ScanResult,
  usageErrorText,
} from '../../src/emit';
import type { PortReport } from '../../src/port';

/** What a console would show on each stream. */
function shown(chunks: Chunk[]): { out: string; err: string } {
  let out = '';
  let err = '';
  for (const c of chunks) {
    const text = c.newline === false || c.text.endsWith('\n') ? c.text : `${c.text}\n`;
    if (c.stream === 'stdout') out += text;
    else err += text;
  }
  return { out, err };
}

const report: PortReport = {
  input: 'drv.c',
  inputLines: 10,
  outputLines: 11,
  rules: [
    { id: 'use-xfree', kind: 'replace', at: 'r.yaml:2', expected: '1', matches: 1, linesTouched: 1, drift: false },
    { id: 'gone', kind: 'delete', at: 'r.yaml:9', expected: '>=1', matches: 0, linesTouched: 0, drift: true },
  ],
  linesVerbatim: 9,
  shareVerbatim: 0.9,
  ifZeroRegions: 0,
  linesInIfZero: 0,
  blocks: [],
  syntaxErrors: { input: 0, output: 0 },
  counts: { errors: 1, warnings: 0, infos: 1 },
  timingsMs: { parse: 1, match: 1, edit: 1, emit: 1 },
};
const drift = diag('XP200', "rule 'gone' matched 0 times, expects >=1", {
  location: { file: 'r.yaml', line: 9, col: 5 },
});
const info = diag('XP401', 'nothing written', { severity: 'info' });

describe('port', () => {
  const outcome: PortOutcome = { exitCode: 1, diagnostics: [drift, info], report, diff: '--- a\n+++ b' };

  test('text: the diff on stdout; diagnostics (infos when verbose), the report on stderr', () => {
    const quiet = shown(formatFor(false).port(outcome, { quiet: true, verbose: false }));
    expect(quiet.out).toBe('--- a\n+++ b\n');
    expect(quiet.err).toBe("r.yaml:9:5: error XP200: rule 'gone' matched 0 times, expects >=1\n");
    const full = shown(formatFor(false).port(outcome, { quiet: false, verbose: true }));
    expect(full.err).toContain('info XP401: nothing written\n');
    expect(full.err).toContain('xenport: drv.c: 10 Linux lines -> 11 Xen lines\n');
    expect(full.err).toContain('! gone       delete      >=1     0     0\n');
    expect(full.err).toContain('  drift: 1 of 2 rules no longer fit (marked !, details above)\n');
  });

  test('text: a generated file is printed as it is, with no newline added', () => {
    const o = shown(
      formatFor(false).port({ exitCode: 0, diagnostics: [], output: 'int x;' }, { quiet: true, verbose: false }),
    );
    expect(o).toEqual({ out: 'int x;', err: '' });
  });

  test('json: one document, keys in a fixed order, no report text', () => {
    const chunks = formatFor(true).port(outcome, { quiet: false, verbose: false });
    expect(chunks).toHaveLength(1);
    const doc = JSON.parse(chunks[0].text);
    expect(Object.keys(doc)).toEqual(['ok', 'exitCode', 'diagnostics', 'report', 'diff']);
    expect(doc).toMatchObject({ ok: false, exitCode: 1, diff: '--- a\n+++ b', report: { input: 'drv.c' } });
  });
});

describe('rules check', () => {
  const result: RulesCheckResult = {
    target: 'rules/p',
    ok: true,
    exitCode: 0,
    rules: 3,
    files: 2,
    byKind: [
      ['replace', 2],
      ['delete', 1],
    ],
    diagnostics: [],
  };

  test('text: one line, kinds sorted', () => {
    expect(shown(formatFor(false).rulesCheck(result))).toEqual({
      out: 'rules/p: 3 rules in 2 files (delete 1, replace 2); valid\n',
      err: '',
    });
  });

  test('text: invalid rules print their diagnostics only', () => {
    const bad = { ...result, ok: false, exitCode: 3, diagnostics: [drift] };
    expect(shown(formatFor(false).rulesCheck(bad))).toEqual({
      out: '',
      err: "r.yaml:9:5: error XP200: rule 'gone' matched 0 times, expects >=1\n",
    });
  });

  test('json: the counts per kind in the order the kinds appear', () => {
    const doc = JSON.parse(formatFor(true).rulesCheck(result)[0].text);
    expect(doc).toEqual({ ok: true, exitCode: 0, rules: 3, byKind: { replace: 2, delete: 1 }, diagnostics: [] });
  });
});

describe('scan', () => {
  const result: ScanResult = {
    ruleIds: ['a', 'bb'],
    outcomes: [
      { file: 'x.c', status: 'parsed', lines: 20, hits: [{ rule: 1, line: 3, col: 2, endLine: 3, endCol: 9 }] },
      { file: 'y.c', status: 'not-utf8', lines: 0, hits: [] },
    ],
    summary: {
      rules: [
        { id: 'a', files: 0, matches: 0 },
        { id: 'bb', files: 1, matches: 1 },
      ],
      files: { total: 2, parsed: 1, skipped: 0, tooLarge: 0, unreadable: 0, notUtf8: 1 },
      parsedLines: 20,
      matches: 1,
    },
    skipped: [{ id: 'c', why: 'anchored on the file x: matches every file' }],
    seconds: 0.5,
  };

  test('text: matches on stdout; what was not scanned and the summary on stderr', () => {
    const o = shown(formatFor(false).scan(result, { quiet: false }));
    expect(o.out).toBe('x.c:3:2: bb\n');
    expect(o.err).toBe(
      [
        "xenport scan: rule 'c' not scanned: anchored on the file x: matches every file",
        'y.c:1:1: warning: not scanned (not-utf8)',
        '  rule   files  matches',
        '  a          0        0',
        '  bb         1        1',
        '  1 matches in 2 files (1 parsed, 20 lines; 0 skipped by the literal prefilter; 1 not UTF-8) in 0.50 s',
        '',
      ].join('\n'),
    );
    expect(shown(formatFor(false).scan(result, { quiet: true })).err).toBe('');
  });

  test('text: --diff shows each match with its rewrite, or why there is none', () => {
    const rewrites = {
      diagnostics: [],
      files: [
        {
          file: 'x.c',
          errors: [],
          hits: [
            { line: 3, col: 2, rule: 'bb', removed: ['\tkfree(p);'], added: ['\txfree(p);'] },
            { line: 5, col: 1, rule: 'bb', removed: ['\tkfree(q);'], added: 'deleted' as const },
            { line: 7, col: 1, rule: 'bb', removed: ['\tkfree(r);'], added: 'swallowed' as const },
          ],
        },
      ],
    };
    expect(shown(formatFor(false).scan({ ...result, rewrites }, { quiet: true })).out).toBe(
      'x.c:3:2: bb\n-\tkfree(p);\n+\txfree(p);\nx.c:5:1: bb\n-\tkfree(q);\n  (deleted)\n' +
        'x.c:7:1: bb\n-\tkfree(r);\n  (not rewritten here: inside text another rule deletes or disables)\n',
    );
  });

  test('json: every match with its rule id, and the files not read', () => {
    const doc = JSON.parse(formatFor(true).scan(result, { quiet: false })[0].text);
    expect(doc.matches).toEqual([{ file: 'x.c', line: 3, col: 2, endLine: 3, endCol: 9, rule: 'bb' }]);
    expect(doc.notRead).toEqual([{ file: 'y.c', status: 'not-utf8' }]);
    expect(doc.skippedRules).toEqual(result.skipped);
  });
});

describe('golden cases and rule tests', () => {
  test('a known failure shows why only when verbose', () => {
    const xfail = { kind: 'xfail' as const, name: 'c1', knownFailure: 'issue 3', failure: { missing: 'x.c' } };
    expect(shown(caseText(xfail, false)).out).toBe('XFAIL c1: known failure: issue 3\n');
    expect(shown(caseText(xfail, true)).out).toBe(
      'XFAIL c1: known failure: issue 3\ngolden missing: x.c (create it with xenport test --update, outside CI)\n',
    );
  });

  test('under CI a skipped case is a failure, said before the totals', () => {
    const t = { pass: 1, fail: 1, skip: 0, xfail: 0, ciSkipped: 1, ran: true };
    expect(shown(goldenTotalsText(t)).out).toBe(
      'FAIL: 1 case(s) skipped under CI=true, where the external corpus must be present\n' +
        'golden: 1 passed, 1 failed, 0 skipped\n',
    );
  });

  test('a failing rule test lists each failure at its line, with errors or a diff', () => {
    const r = ruleTestText({
      kind: 'fail',
      file: 't.yaml',
      failures: [
        { file: 't.yaml', line: 4, what: 'invalid[1] must report XP203', got: [] },
        {
          file: 't.yaml',
          line: 9,
          what: 'invalid[2] output differs',
          expected: 'a\n',
          generated: 'b\n',
          label: 'invalid[2]',
        },
      ],
    });
    const text = shown(r).out;
    expect(text).toMatch(/^FAIL t\.yaml\nt\.yaml:4: invalid\[1\] must report XP203; got no error\n/);
    expect(text).toContain('t.yaml:9: invalid[2] output differs:\n--- invalid[2] expected\n+++ invalid[2] generated\n');
    expect(text).toContain('-a\n+b\n');
  });
});

describe('explain and errors', () => {
  test('explain names the Linux line and each rule that wrote the line', () => {
    const origin = {
      line: 4,
      text: '\txfree(p);',
      linux: 6,
      rules: [{ id: 'use-xfree', at: 'r.yaml:2', change: 'replace', reason: 'Xen frees with xfree\nmore' }],
    };
    const o = shown(
      explainText({ file: 'xen.c', line: 4, origin, stale: false, linux: { file: 'drv.c', text: '\tkfree(p);' } }),
    );
    expect(o.out).toBe(
      'xen.c:4: \txfree(p);\n  copied from drv.c:6: \tkfree(p);\n' +
        '  written by rule use-xfree (r.yaml:2): replace; reason: Xen frees with xfree\n',
    );
  });

  test('errors and usage errors name the command', () => {
    expect(shown(errorText('init', 'x exists')).err).toBe('xenport init: x exists\n');
    expect(shown(errorText(undefined, 'no cases')).err).toBe('xenport: no cases\n');
    expect(shown(usageErrorText('rules check', 'missing argument <port-dir>')).err).toBe(
      "xenport rules check: missing argument <port-dir>; see 'xenport rules check --help'\n",
    );
  });
});

describe('the boundary', () => {
  const CLI = path.join(__dirname, '..', '..', 'src', 'cli');
  // Output assembled in a handler instead of a formatter: a direct write to the console, JSON, or a diagnostic line.
  const ASSEMBLES = /\bout\.(stdout|stderr)\(|JSON\.stringify\(|formatDiagnostics?\b/;

  test('command handlers print only what a formatter rendered', () => {
    const files = fs.readdirSync(CLI).filter((f) => f.endsWith('.ts') && f !== 'console.ts');
    const direct = files.filter((f) => ASSEMBLES.test(fs.readFileSync(path.join(CLI, f), 'utf8')));
    expect(direct).toEqual([]);
  });

  test('the check sees a handler that prints by itself', () => {
    expect(ASSEMBLES.test('out.stderr(`xenport: ${x}`);')).toBe(true);
    expect(ASSEMBLES.test('print(out, errorText(undefined, x));')).toBe(false);
  });
});
