/**
 * `xenport scan`: the literal prefilter never drops a file a rule matches, the partial flat tree
 * finds the same matches as the full one, and the CLI prints `path:line:col: rule-id` lines, a
 * per-rule summary and JSON. No timing assertions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';
import { matchContext, matchRules } from '../../src/match';
import { parseSource } from '../../src/parse';
import { parseRuleFile } from '../../src/rules';
import type { Rule } from '../../src/rules/types';
import { Prefilter, scanFile, scanText } from '../../src/scan';
import { READ_PIECE } from '../../src/scan/file-scan';
import { costOf } from '../../src/scan/gc';

const RULES = `rules:
  - id: kfree-to-xfree
    kind: replace
    pattern: "kfree($E)"
    with: "xfree($E)"
  - id: kzalloc-bytes
    kind: replace
    pattern: "kzalloc($E, GFP_KERNEL)"
    with: "xzalloc_bytes($E)"
  - id: probe-disabled
    kind: disable
    function: foo_probe
`;

const C = `static int foo_probe(struct device *dev)
{
\tvoid *p = kzalloc(sizeof(int), GFP_KERNEL);
\tkfree(p);
\treturn 0;
}

static void other(void *q)
{
\tkfree(q);
\tkfree_sensitive(q);
}

static int unrelated(void) { return kzalloc_node(1, 2); }
`;

function rules(): Rule[] {
  const r = parseRuleFile(RULES, 'rules.yaml');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.rules;
}

describe('prefilter', () => {
  test('keeps the rules whose words all occur, drops files without any', () => {
    const p = new Prefilter(rules());
    expect(p.candidates(C)).toEqual([0, 1, 2]);
    expect(p.candidates('int main(void) { return 0; }')).toEqual([]);
    // `kzalloc_node` contains `kzalloc` but not GFP_KERNEL: only the rule needing `kzalloc` alone would pass.
    expect(p.candidates('x = kzalloc_node(1, 2);')).toEqual([]);
  });
  test('overlapping words are all found', () => {
    const p = new Prefilter(rules());
    expect(p.candidates('kfree(a); kzalloc(n, GFP_KERNEL);')).toEqual([0, 1]);
    expect(p.candidates('#define GFP_KERNEL_kzalloc 1\nkzalloc(n, GFP_KERNEL);')).toEqual([1]);
  });
  test('words are tokens: inside a longer identifier they do not count', () => {
    const p = new Prefilter(rules());
    expect(p.candidates('kfree_sensitive(a); x = mykzalloc(n, GFP_KERNEL_ACCOUNT);')).toEqual([]);
    expect(p.candidates('#define REG__kfree 1\nkzalloc(n,GFP_KERNEL)')).toEqual([1]);
  });
});

describe('scanText', () => {
  test('finds the same matches as a full port match', () => {
    const rs = rules();
    const out = scanText(C, 'foo.c', rs, new Prefilter(rs));
    const full = matchRules(matchContext(parseSource(C, 'foo.c')), rs).results;
    const fullHits = full.flatMap((r) => r.matches.map((m) => `${r.rule.id}@${m.start}`)).sort();
    const src = parseSource(C, 'foo.c');
    const scanHits = out.hits.map((h) => `${rs[h.rule].id}@${src.lines.lineStart(h.line) + h.col - 1}`).sort();
    expect(scanHits).toEqual(fullHits);
    expect(out.hits.map((h) => `${h.line}:${h.col}:${rs[h.rule].id}`)).toEqual([
      '1:1:probe-disabled',
      '3:12:kzalloc-bytes',
      '4:2:kfree-to-xfree',
      '10:2:kfree-to-xfree',
    ]);
  });
  test('a rule whose files: globs leave the file out does not shift the hits of the rules after it', () => {
    const rs = rules().map((r, k) => (k === 0 ? { ...r, files: ['*.c'] } : r));
    const ids = (file: string): string[] =>
      scanText(C, file, rs, new Prefilter(rs)).hits.map((h) => `${h.line}:${rs[h.rule].id}`);
    expect(ids('foo.c')).toEqual(['1:probe-disabled', '3:kzalloc-bytes', '4:kfree-to-xfree', '10:kfree-to-xfree']);
    // kfree-to-xfree (the first rule) is for .c files only.
    expect(ids('foo.h')).toEqual(['1:probe-disabled', '3:kzalloc-bytes']);
  });
});

describe('scanFile', () => {
  test('reads files of every size, whole or in pieces of the thread buffer, one after the other', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-scanfile-'));
    try {
      const r = rules();
      const p = new Prefilter(r);
      // Around the thread buffer's size (a larger file is read in pieces of it) and several pieces long.
      const sizes = [10, READ_PIECE - 40, 100, READ_PIECE - 20, READ_PIECE, READ_PIECE + 7, 3 * READ_PIECE + 1, 50];
      sizes.forEach((size, k) => {
        // A comment of `size` bytes, then a function whose kfree is on the last line but one.
        const text = `/*${'x'.repeat(size)}*/\nvoid f${k}(void *q)\n{\n\tkfree(q);\n}\n`;
        const file = path.join(dir, `f${k}.c`);
        fs.writeFileSync(file, text);
        const o = scanFile(file, r, p);
        expect(o.status).toBe('parsed');
        expect(o.hits.map((h) => `${h.line}:${h.col}:${r[h.rule].id}`)).toEqual(['4:2:kfree-to-xfree']);
        expect(o.bytes).toBe(text.length);
        // A file the prefilter stops costs the collection budget only when read in pieces (a
        // string as large as the file in V8's heap).
        fs.writeFileSync(file, text.replace('kfree', 'other'));
        const skipped = scanFile(file, r, p);
        expect(skipped.status).toBe('skipped');
        expect(costOf(skipped) > 0).toBe(text.length >= READ_PIECE);
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file read in pieces is decoded as UTF-8 across piece ends, and a bad byte in a later piece is found', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-scanfile-'));
    try {
      const r = rules();
      const p = new Prefilter(r);
      // Two-, three- and four-byte characters, each once across the first piece end.
      for (const ch of ['\u00e9', '\u20ac', '\u{1F600}']) {
        const bytes = Buffer.byteLength(ch);
        const pad = READ_PIECE - 2 - 1; // `/*`, then the character starts one byte before the end
        const text = `/*${'x'.repeat(pad)}${ch.repeat(3)}${'y'.repeat(READ_PIECE)}*/\nvoid f(void *q)\n{\n\tkfree(q);\n}\n`;
        expect(
          Buffer.from(text)
            .subarray(READ_PIECE - 1, READ_PIECE - 1 + bytes)
            .toString(),
        ).toBe(ch);
        const file = path.join(dir, 'u.c');
        fs.writeFileSync(file, text);
        const o = scanFile(file, r, p);
        expect(o).toEqual({ ...scanText(text, file, r, p), bytes: Buffer.byteLength(text) });
        expect(o.hits.length).toBe(1);
      }
      const bad = Buffer.concat([
        Buffer.from(`/*${'x'.repeat(2 * READ_PIECE)}`),
        Buffer.from([0xff]),
        Buffer.from('*/\nvoid f(void *q) { kfree(q); }\n'),
      ]);
      fs.writeFileSync(path.join(dir, 'bad.c'), bad);
      expect(scanFile(path.join(dir, 'bad.c'), r, p)).toMatchObject({ status: 'not-utf8', hits: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('xenport scan', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-scan-'));
  const ruleDir = path.join(dir, 'rules');
  fs.mkdirSync(ruleDir);
  fs.writeFileSync(path.join(ruleDir, 'alloc.yaml'), RULES);
  const tree = path.join(dir, 'tree');
  fs.mkdirSync(path.join(tree, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(tree, 'sub', 'foo.c'), C);
  fs.writeFileSync(path.join(tree, 'none.c'), 'int x;\n');
  fs.writeFileSync(path.join(tree, 'notes.txt'), 'kfree(x)\n');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('prints path:line:col: rule-id lines and a summary per rule', async () => {
    const out = bufferConsole();
    expect(await main(['scan', tree, '--rules', ruleDir], out)).toBe(0);
    const foo = path.join(tree, 'sub', 'foo.c');
    expect(out.out.trim().split('\n')).toEqual([
      `${foo}:1:1: probe-disabled`,
      `${foo}:3:12: kzalloc-bytes`,
      `${foo}:4:2: kfree-to-xfree`,
      `${foo}:10:2: kfree-to-xfree`,
    ]);
    expect(out.err).toMatch(/kfree-to-xfree\s+1\s+2/);
    expect(out.err).toMatch(/4 matches in 2 files \(1 parsed, \d+ lines; 1 skipped by the literal prefilter\)/);
  });

  test('--json gives matches and the summary', async () => {
    const out = bufferConsole();
    expect(await main(['scan', tree, '--rules', ruleDir, '--json'], out)).toBe(0);
    const j = JSON.parse(out.out) as {
      matches: Array<{ rule: string; line: number }>;
      summary: { files: { parsed: number; skipped: number } };
    };
    expect(j.matches.map((m) => `${m.line}:${m.rule}`)).toEqual([
      '1:probe-disabled',
      '3:kzalloc-bytes',
      '4:kfree-to-xfree',
      '10:kfree-to-xfree',
    ]);
    expect(j.summary.files).toMatchObject({ parsed: 1, skipped: 1 });
  });

  test('a missing path is an input error, bad rules exit 3', async () => {
    expect(await main(['scan', path.join(dir, 'nope'), '--rules', ruleDir], bufferConsole())).toBe(4);
    expect(await main(['scan', tree, '--rules', path.join(dir, 'tree')], bufferConsole())).toBe(3);
  });
});
