/**
 * Incremental parsing gives what parsing from scratch gives: the input's conditional pass over the
 * corpus's Linux and Xen files, the output re-parse of every golden port (and its XP204 count), and
 * random edits of corpus files (fast-check, bounded runs). The same check over Linux 6.1 drivers/
 * is `npm run reparse-check` (minutes; not run here). Also: how a port treats the trees it is
 * given (a caller's tree is never edited; a memo hands out each spare once).
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { LineIndex } from '../../src/diagnostics';
import { discoverCases, readCases } from '../../src/golden';
import {
  alignedChanges,
  differingStretches,
  editTree,
  likelyThrownAway,
  mayDifferFromFull,
  sameItems,
  textChange,
  topLevelItems,
} from '../../src/parse/incremental';
import { defaultHints, parseC, parseSource, parseSourceFull, shapeMacros, takeFirstParse } from '../../src/parse';
import { errorRegions, errorsAfterEdit } from '../../src/parse/source';
import type { ErrorRegion } from '../../src/parse/source';
import type { ParsedSource } from '../../src/parse';
import { loadRuleSet } from '../../src/rules';
import { portFiles } from '../../src/cli/port-files';
import { parseMemo, port } from '../../src/port';
import type { ParseText } from '../../src/port';
import {
  compareEdited,
  compareInput,
  comparePortOutput,
  parseDifference,
  randomEdits,
} from '../../scripts/reparse-check/compare';
import { seededRandom } from '../../scripts/fuzz/permute';
import { CORPUS, describeWithCorpus } from '../core/corpus-gate';

/** The Linux and Xen files of the corpus that the golden cases read. */
function corpusFiles(): string[] {
  if (!CORPUS.present) return [];
  const out: string[] = [];
  for (const dir of fs.readdirSync(CORPUS.dir)) {
    const d = path.join(CORPUS.dir, dir);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d)) if (/\.[ch]$/.test(f)) out.push(path.join(d, f));
  }
  return out.sort();
}

describe('changes between texts', () => {
  it('finds every differing stretch of two texts of equal length', () => {
    const a = 'x'.repeat(600) + 'abc' + 'y'.repeat(300) + 'd';
    const b = 'x'.repeat(600) + 'aXc' + 'y'.repeat(300) + 'e';
    expect(differingStretches(a, b)).toEqual([
      { oldStart: 601, oldEnd: 602, newStart: 601, newEnd: 602 },
      { oldStart: 903, oldEnd: 904, newStart: 903, newEnd: 904 },
    ]);
  });

  it('aligns an edited text through its replacements and compares the stretches between them', () => {
    // "bb" became "cccc"; a later character changed outside any replacement (as shaping may do).
    const before = 'aa bb dd ee';
    const after = 'aa cccc dd eX';
    expect(alignedChanges(before, after, [{ start: 3, end: 5, outStart: 3, outEnd: 7 }])).toEqual([
      { oldStart: 3, oldEnd: 5, newStart: 3, newEnd: 7 },
      { oldStart: 10, oldEnd: 11, newStart: 12, newEnd: 13 },
    ]);
  });
});

describeWithCorpus('incremental parses equal full parses (corpus)', () => {
  const files = corpusFiles();

  it('the conditional pass of every corpus Linux and Xen file', () => {
    expect(files.length).toBeGreaterThan(5);
    const differ = files.filter((f) => compareInput(fs.readFileSync(f, 'utf8'), f, undefined, false) !== undefined);
    expect(differ).toEqual([]);
  });

  // The upgrades after the first port near-copies of the same file with the same rules: left to
  // `npm run reparse-check -- <corpus> --every 1`, which covers them all, to keep `npm test` short.
  const cases = discoverCases('corpus')
    .flatMap((d) => readCases(d))
    .filter((c) => !c.skip && !/upgrade-([2-9]|10)-/.test(c.name));
  it.each(cases.map((c) => [c.name, c] as const))(
    'the output of the golden port %s, and its syntax-error count',
    (_name, c) => {
      const ported = portFiles({ input: c.input, rules: c.rules, xen: c.xen, base: c.base });
      if (!ported.ok) throw new Error(`${c.name} does not port: ${JSON.stringify(ported.diagnostics)}`);
      const { result, used } = ported;
      const hints = used.ruleSet.macros;
      const full = parseSourceFull(result.output, used.input.file, hints);
      expect(result.report.syntaxErrors.output).toBe(full.syntaxErrors.length);
      const from = parseSource(used.input.text, used.input.file, undefined, hints);
      expect(comparePortOutput(from, result.output, result.provenance, hints)).toBeUndefined();
    },
  );

  it('random edits of corpus files (trees and syntax errors)', () => {
    const texts = files
      .filter((f) => /linux\.c$|xen\.c$/.test(f))
      .map((f) => ({ file: f, text: fs.readFileSync(f, 'utf8') }));
    const parsed = new Map<string, ParsedSource>();
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(), (which, seed) => {
        const { file, text } = texts[which];
        const from = parsed.get(file) ?? parseSource(text, file);
        parsed.set(file, from);
        const r = compareEdited(from, randomEdits(text, seededRandom(seed)));
        expect(r.difference).toBeUndefined();
      }),
      { numRuns: 12 },
    );
  });
});

describe('the trees a port is given', () => {
  const ruleDir = path.join(__dirname, '..', '..', 'corpus', 'example');
  const caseFile = readCases(ruleDir)[0];
  const ruleSet = loadRuleSet(caseFile.rules).ruleSet;
  const input = { text: fs.readFileSync(caseFile.input, 'utf8'), file: caseFile.input };
  if (!ruleSet) throw new Error('corpus/example rules do not load');

  it("leaves a caller's tree as it was when its parse hands out none to edit", () => {
    const made: ParsedSource[] = [];
    const parse: ParseText = (text, file, hints) => {
      const src = parseSource(text, file, undefined, hints);
      made.push(src);
      return src;
    };
    const r = port(input, ruleSet, { parse });
    expect(r.output).not.toBe(input.text);
    const src = made[0];
    expect(src.tree.rootNode.toString()).toBe(
      parseSourceFull(input.text, input.file, ruleSet.macros).tree.rootNode.toString(),
    );
    expect(src.tree.rootNode.endIndex).toBe(input.text.length);
    // The same result as a port that parses for itself.
    expect(r.output).toBe(port(input, ruleSet).output);
  });

  it('gets spares from a memo, each once, and never the tree the memo keeps', () => {
    const memo = parseMemo();
    const first = port(input, ruleSet, { parse: memo.parse });
    memo.nextPort();
    memo.prepare();
    const src = memo.parse(input.text, input.file, ruleSet.macros);
    const spare = memo.parse.editable?.(src);
    expect(spare).toBeDefined();
    expect(spare?.tree).not.toBe(src.tree);
    expect(memo.parse.editable?.(src)).toBeUndefined();
    const again = port(input, ruleSet, { parse: memo.parse });
    expect(again.output).toBe(first.output);
    expect(src.tree.rootNode.endIndex).toBe(input.text.length);
  });
});

describe('the first parse kept for a port', () => {
  // The #else branch opens a second block: the conditional pass keeps the first branch only.
  const text = [
    'static int f(int a)',
    '{',
    '#ifdef X',
    '\tif (a) {',
    '#else',
    '\tif (!a) {',
    '#endif',
    '\t\treturn 1;',
    '\t}',
    '\treturn 0;',
    '}',
    'int g(void) { return 2; }',
    '',
  ].join('\n');

  it('is a full parse of the text before the conditional pass, handed out once', () => {
    const src = parseSource(text, 'in.c', undefined, undefined, { keepFirst: true });
    expect(src.shaped).not.toBe(shapeMacros(text, defaultHints()).shaped);
    const first = takeFirstParse(src);
    expect(first?.shaped).toBe(shapeMacros(text, defaultHints()).shaped);
    expect(first?.tree.rootNode.toString()).toBe(parseC(first?.shaped ?? '').rootNode.toString());
    expect(takeFirstParse(src)).toBeUndefined();
    expect(parseDifference(src, parseSourceFull(text, 'in.c'))).toBeUndefined();
  });

  it('tells trees apart in the items with errors (sameItems)', () => {
    const shaped = shapeMacros(text, defaultHints()).shaped;
    const tree = parseC(shaped);
    const items = topLevelItems(tree);
    const regions = errorRegions([tree.rootNode]);
    expect(regions.length).toBeGreaterThan(0);
    const copy = parseC(shaped, undefined, tree);
    expect(sameItems(copy, topLevelItems(copy), tree, items, regions)).toBe(true);
    // A tree of another text, of the same length, that differs inside the item with errors.
    const other = parseC(shaped.replace('return 1;', 'x = y + 1'));
    expect(sameItems(other, topLevelItems(other), tree, items, regions)).toBe(false);
    // An item that does not end where the other's does.
    const longer = parseC(shaped.replace('int g(void)', '/* a */ int g'));
    expect(
      sameItems(longer, topLevelItems(longer), tree, items, [
        { start: shaped.indexOf('int g'), end: shaped.length - 1 },
      ]),
    ).toBe(false);
  });
});

test('likelyThrownAway: an error in an item next to a change, judged in the tree parsed from', () => {
  const items = ['int a;', 'int b(void) { return 1 +; }', 'int c;', 'int d;', 'int e;', ''];
  const text = items.join('\n');
  const tree = parseC(text);
  const at = (s: string): number => text.indexOf(s);
  const change = (start: number) => [{ oldStart: start, oldEnd: start + 1, newStart: start, newEnd: start + 1 }];
  // Next to the broken item b (in c, its neighbour), with its regions known or asked of the tree.
  expect(likelyThrownAway(tree, change(at('int c')))).toBe(true);
  expect(likelyThrownAway(tree, change(at('int c')), errorRegions([tree.rootNode]))).toBe(true);
  // Two items away from it.
  expect(likelyThrownAway(tree, change(at('int e')))).toBe(false);
  expect(likelyThrownAway(tree, change(at('int e')), errorRegions([tree.rootNode]))).toBe(false);
});

test('likelyThrownAway: items wrapped in a conditional group by two changes count as one change', () => {
  const items = ['int a;', 'int b;', 'int c;', 'int d(void) { return 1 +; }', 'int e;', 'int f;', 'int g;', ''];
  const before = items.join('\n');
  const tree = parseC(before);
  const a = before.indexOf('int a');
  const g = before.indexOf('int g');
  const after = `${before.slice(0, a)}#if 0\n${before.slice(a, g)}#endif\n${before.slice(g)}`;
  const changes = alignedChanges(before, after, [
    { start: a, end: a, outStart: a, outEnd: a + 6 },
    { start: g, end: g, outStart: g + 6, outEnd: g + 13 },
  ]);
  // Each change is three items away from the broken item d, which the new tree's `#if 0` item holds.
  expect(likelyThrownAway(tree, changes)).toBe(false);
  expect(likelyThrownAway(tree, changes, undefined, { before, after })).toBe(true);
  const spare = parseC(before);
  editTree(spare, changes, before, new LineIndex(after));
  expect(mayDifferFromFull(parseC(after, undefined, spare), changes)).toBe(true);
  // A group opened and closed by the same change (or none) joins nothing.
  const closed = `${before.slice(0, a)}#if 0\n#endif\n${before.slice(a)}`;
  const one = alignedChanges(before, closed, [{ start: a, end: a, outStart: a, outEnd: a + 13 }]);
  expect(likelyThrownAway(tree, one, undefined, { before, after: closed })).toBe(false);
});

describeWithCorpus('the syntax-error regions of an incremental parse, read again only around the changes', () => {
  it('are those of the whole tree on random edits of the corpus files with errors', () => {
    let placed = 0;
    let tried = 0;
    corpusFiles().forEach((file, n) => {
      const before = shapeMacros(fs.readFileSync(file, 'utf8'), defaultHints()).shaped;
      const old = parseC(before);
      const labels: ErrorRegion[] = [];
      const regions = errorRegions([old.rootNode], labels);
      if (!regions.length) return;
      for (let k = 0; k < 16; k++) {
        const edits = randomEdits(before, seededRandom(100 * n + k));
        let after = '';
        let at = 0;
        const replaced = edits.map((e) => {
          after += before.slice(at, e.start);
          const outStart = after.length;
          after += e.text;
          at = e.end;
          return { start: e.start, end: e.end, outStart, outEnd: after.length };
        });
        after += before.slice(at);
        const changes = alignedChanges(before, after, replaced);
        const edited = parseC(before);
        editTree(edited, changes, before, new LineIndex(after));
        const tree = parseC(after, undefined, edited);
        const items = topLevelItems(tree);
        if (mayDifferFromFull(tree, changes, items)) continue;
        tried++;
        const got = errorsAfterEdit(edited, tree, changes, { regions, labels }, items);
        if (!got) continue;
        placed++;
        const want: ErrorRegion[] = [];
        expect(got.regions).toEqual(errorRegions([tree.rootNode], want));
        expect(got.labels).toEqual(want);
      }
    });
    expect(tried).toBeGreaterThan(10);
    expect(placed).toBeGreaterThan(tried / 2);
  });
});

test('textChange: one replacement between the common start and the common end of two texts', () => {
  expect(textChange('abcXdef', 'abcYYdef')).toEqual({ start: 3, end: 4, outStart: 3, outEnd: 5 });
  expect(textChange('same', 'same')).toEqual({ start: 4, end: 4, outStart: 4, outEnd: 4 });
  // The common end never overlaps the common start: 'aa' to 'aaa' inserts one 'a' after both.
  expect(textChange('aa', 'aaa')).toEqual({ start: 2, end: 2, outStart: 2, outEnd: 3 });
  expect(textChange('abc', '')).toEqual({ start: 0, end: 3, outStart: 0, outEnd: 0 });
});
