/**
 * The review page's model and HTML, without a browser: alignment of Linux and Xen lines, changes
 * grouped and linked to their rules, #if 0 regions, rule matches, the upgrade diffs with what each
 * Linux change touched, diagnostics at their lines, build/boot results, and HTML escaping.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildReview, logCheck, parseChecks, renderReview } from '../../src/review';
import { c, portWith, ruleSet } from '../core/helpers';
import { tempDir, writePort } from '../reliability/helpers';
import { alignmentProblems, EXAMPLE, reviewOf } from './helpers';

describe('the shipped example', () => {
  const m = reviewOf(EXAMPLE);
  const html = renderReview(m);

  it('shows every Linux and Xen line once, in order, unchanged lines side by side', () => {
    expect(alignmentProblems(m)).toEqual([]);
    expect(m.segments.some((s) => s.change === undefined)).toBe(true);
  });

  it('colours changes of every kind and makes one change of each #if 0 region', () => {
    const kinds = new Set(m.changes.flatMap((ch) => ch.kinds));
    expect([...kinds].sort()).toEqual(['block', 'delete', 'if0', 'insert', 'replace']);
    expect(m.changes.filter((ch) => ch.region !== undefined).length).toBe(m.result.report.ifZeroRegions);
    for (const k of kinds) expect(html).toContain(`data-k="${k}`);
  });

  it('links each change to its rule, the rule file:line and the reason', () => {
    const i = m.changes.findIndex((ch) => ch.rules.includes('unclaimed-streams-abort'));
    expect(i).toBeGreaterThanOrEqual(0);
    const note = html.slice(
      html.indexOf(`href="#c${i + 1}"`),
      html.indexOf('</ul>', html.indexOf(`href="#c${i + 1}"`)),
    );
    expect(note).toContain('href="#rule-unclaimed-streams-abort"');
    expect(note).toMatch(/corpus\/example\/rules\/policy\.yaml:\d+/);
    expect(note).toContain('Unlike Linux, streams that no domain has claimed are aborted');
    expect(html).toContain('<span class="m m-replace">ACME_STE_ABORT</span>');
    expect(html).toContain('<span class="m m-replace">ACME_STE_BYPASS</span>');
  });

  it('lists each rule with its matches, each linked to its change', () => {
    const r = m.rules.find((x) => x.id === 'probe-error-returns')!;
    expect(r.found).toBe(5);
    expect(r.matches).toHaveLength(5);
    for (const x of r.matches) {
      expect(x.change).toBeDefined();
      expect(m.changes[x.change as number].rules).toContain('probe-error-returns');
      expect(html).toContain(`<a href="#c${(x.change as number) + 1}">L${x.line} #${(x.change as number) + 1}</a>`);
    }
  });

  it('summarises the report: verbatim lines, #if 0 regions, blocks and their source, rules by kind', () => {
    const rep = m.result.report;
    expect(html).toContain(`${rep.linesVerbatim} (${(100 * rep.shareVerbatim).toFixed(1)}%)`);
    expect(html).toContain(`${rep.ifZeroRegions} (${rep.linesInIfZero} Linux lines)`);
    expect(html).toMatch(/<td>compat<\/td><td>block-file<\/td><td>corpus\/example\/rules\/blocks\/compat\.c<\/td>/);
    expect(html).toMatch(/<td>disable<\/td><td>\d+<\/td>/);
  });

  it('is self-contained: no external script, style, image or link', () => {
    expect(html).not.toMatch(/<(script|img|link|iframe)\b[^>]*\b(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/);
  });
});

describe('alignment of edits that start or end mid-line', () => {
  const SRC = c`
    int f(void)
    {
    \tint a = OLD(1);
    \tdrop_me();
    \treturn a;
    }
  `;
  const RULES = c`
    rules:
      - id: old-new
        kind: replace
        reason: renamed
        comment: end-of-line
        pattern: "OLD($X)"
        with: "NEW($X)"
        expect: 1
      - id: drop
        kind: delete
        pattern: "drop_me();"
        expect: 1
      - id: before-return
        kind: insert
        where: before
        pattern: "return $E;"
        text: "a++;"
        comment: none
        expect: 1
  `;
  const r = portWith(SRC, RULES);
  const m = buildReview({ linux: { text: SRC, file: 'in.c' }, result: r, rules: ruleSet(RULES).rules });

  it('keeps each changed line facing its Linux original', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(alignmentProblems(m)).toEqual([]);
    const rows = m.segments.flatMap((s) => s.rows);
    const out = r.output.split('\n');
    const row3 = rows.find((x) => x.l === 3)!;
    expect(out[row3.r - 1]).toContain('NEW(1)');
    expect(rows.find((x) => x.l === 4)!.r).toBe(0); // deleted
    expect(rows.filter((x) => x.l === 0).map((x) => out[x.r - 1].trim())).toEqual(['a++;']);
  });
});

describe('an upgrade (--xen, --base)', () => {
  const t = tempDir('xenport-review-up-');
  afterAll(() => t.cleanup());
  const BEFORE = 'int f(void)\n{\n\treturn OLD(1);\n}\n\nint g(void)\n{\n\treturn 2;\n}\n';
  const AFTER = 'int f(void)\n{\n\treturn OLD(1) + OLD(2);\n}\n\nint g(void)\n{\n\treturn 2;\n}\n';
  const XEN = 'int f(void)\n{\n\treturn NEW(1);\n}\n\n/* a hand edit */\nint g(void)\n{\n\treturn 2;\n}\n';
  const rules = writePort(path.join(t.dir, 'rules'), {
    'r.yaml':
      'rules:\n  - id: old-new\n    kind: replace\n    pattern: "OLD($X)"\n    with: "NEW($X)"\n    comment: none\n    expect: ">=1"\n',
  });
  const file = (n: string, s: string): string => (fs.writeFileSync(path.join(t.dir, n), s), path.join(t.dir, n));
  const m = reviewOf({
    input: file('after.c', AFTER),
    rules,
    xen: file('xen.c', XEN),
    base: file('before.c', BEFORE),
    dropHandEdits: true,
  });
  const html = renderReview(m);

  it('shows what the new Linux changed and which rules the change touched', () => {
    const linux = m.upgrade!.linux!;
    expect(linux.added).toBe(1);
    expect(linux.removed).toBe(1);
    expect(linux.hunks).toHaveLength(1);
    expect(linux.hunks[0].rules).toEqual(['old-new']);
    expect(linux.hunks[0].changes.length).toBe(1);
    expect(html).toContain('+\treturn OLD(1) + OLD(2);');
  });

  it('shows what the Xen file changed as a result, with the hand edit (XP300) at its line', () => {
    const xen = m.upgrade!.xen!;
    expect(xen.hunks.map((h) => h.rows.filter((r) => r.op !== ' ').map((r) => `${r.op}${r.text}`))).toEqual([
      ['-\treturn NEW(1);', '+\treturn NEW(1) + NEW(2);', '-/* a hand edit */'],
    ]);
    expect(xen.hunks[0].rules).toEqual(['old-new']);
    const hand = m.diagnostics.find((d) => d.d.code === 'XP300')!;
    expect(hand.place).toEqual({ side: 'xen', line: 6 });
    expect(html).toMatch(/<td class="n" id="E6">6<\/td>.*?<tr class="dg sev-warning"><td colspan="3">[^<]*XP300/s);
  });
});

describe('diagnostics at their lines', () => {
  it('puts a drift error in the list and a Linux-line diagnostic under its line', () => {
    const SRC = 'struct s {\n\tint map map;\n};\nint f(void)\n{\n\treturn OLD(1);\n}\n';
    const RULES = 'rules:\n  - id: gone\n    kind: delete\n    pattern: "absent_call();"\n    expect: 1\n';
    const r = portWith(SRC, RULES);
    const m = buildReview({ linux: { text: SRC, file: 'in.c' }, result: r, rules: ruleSet(RULES).rules });
    const html = renderReview(m);
    expect(m.diagnostics.find((d) => d.d.code === 'XP200')!.place).toEqual({ side: 'none' });
    expect(m.rules[0].drift).toBe(true);
    expect(html).toContain('<tr id="rule-gone" class="drift">');
    const syntax = m.diagnostics.find((d) => d.d.code === 'XP007')!;
    expect(syntax.place).toMatchObject({ side: 'l' });
    expect(html).toMatch(
      new RegExp(
        `<th id=L${(syntax.place as { line: number }).line}>[^]*?<tr class="dg sev-warning"><td colspan="4">in\\.c:\\d+:\\d+: warning XP007`,
      ),
    );
  });
});

describe('HTML escaping', () => {
  it('escapes everything taken from the sources, the rules and the diagnostics', () => {
    const SRC = 'int f(void)\n{\n\t/* </script><img src=x onerror=alert(1)> & "q" */\n\treturn OLD(1);\n}\n';
    const RULES =
      'rules:\n  - id: old-new\n    kind: replace\n    reason: "<b>bold</b> & \\"x\\""\n    pattern: "OLD($X)"\n    with: "NEW($X) /* <i> */"\n    expect: 2\n';
    const r = portWith(SRC, RULES);
    const html = renderReview(
      buildReview({ linux: { text: SRC, file: 'a<b>.c' }, result: r, rules: ruleSet(RULES).rules }),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('a<b>.c');
    expect(html.match(/<\/script>/g)).toHaveLength(1); // the page's own
    expect(html).toContain('&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('&#60;b&#62;bold&#60;/b&#62; &#38; &#34;x&#34;');
  });
});

describe('build and boot results', () => {
  it('reads the documented JSON format and refuses anything else with file:line:col', () => {
    const ok = parseChecks(
      JSON.stringify({
        checks: [
          { name: 'xen build', status: 'pass', summary: 'linked', log: 'gcc ...' },
          { name: 'boot', status: 'skip' },
        ],
      }),
      'r.json',
    );
    expect(ok).toEqual({
      ok: true,
      checks: [
        { name: 'xen build', status: 'pass', summary: 'linked', log: 'gcc ...', file: 'r.json' },
        { name: 'boot', status: 'skip', file: 'r.json' },
      ],
    });
    const bad = (text: string): string => {
      const p = parseChecks(text, 'r.json');
      if (p.ok) throw new Error('accepted');
      const d = p.diagnostics[0];
      return `${d.code} ${d.location!.line}:${d.location!.col} ${d.message}`;
    };
    expect(bad('{"checks": [\n  {"name": "x",}\n]}')).toMatch(/^XP009 2:16 checks file is not valid JSON/);
    expect(bad('[]')).toBe('XP009 1:1 checks file must be an object with a "checks" array');
    expect(bad('{"checks": [{"name": "b", "status": "ok"}]}')).toBe(
      'XP009 1:1 checks[0].status must be "pass", "fail" or "skip"',
    );
    expect(bad('{"checks": [{"name": "b", "status": "pass", "extra": 1}]}')).toMatch(/unknown key 'extra'/);
  });

  it('counts error and warning lines of a plain log and keeps its end', () => {
    const log = [
      ...Array.from({ length: 300 }, (_, i) => `line ${i}`),
      'smmu-v3.c:12:3: error: unknown type',
      'x.c:1:1: warning: unused',
    ].join('\n');
    const ch = logCheck('Xen build log', log, 'build.log');
    expect(ch.summary).toBe('302 lines; 1 error line(s), 1 warning line(s)');
    expect(ch.log!.split('\n')).toHaveLength(201);
    expect(ch.log).toMatch(/^\[\.\.\. 102 earlier lines not shown\]/);
  });

  it('shows them in the summary', () => {
    const m = reviewOf(EXAMPLE);
    m.checks = [{ name: 'xen build', status: 'fail', summary: '2 errors', log: 'a.c:1:1: error: <x>' }];
    const html = renderReview(m);
    expect(html).toContain('<td>xen build</td><td><span class="st st-fail">fail</span></td><td>2 errors');
    expect(html).toContain('a.c:1:1: error: &#60;x&#62;');
  });
});
