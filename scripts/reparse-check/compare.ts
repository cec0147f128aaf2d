/**
 * Incremental against full parses: whether the parses xenport makes incrementally (the input's
 * conditional pass, a port's output re-parse) give what parsing from scratch gives. Shared by
 * test/parse/incremental.test.ts and `npm run reparse-check` (the same over Linux 6.1 drivers/).
 */
import { applyEdits, replacements } from '../../src/edit';
import type { Edit, Placed } from '../../src/edit';
import { parseC, parseSource, parseSourceFull, reparseEdited, spareTree, takeFirstParse } from '../../src/parse';
import type { MacroHints, ParsedSource } from '../../src/parse';
import type { Provenance } from '../../src/port';
import { outputBase, parseNextOutput } from '../../src/port/output-parse';
import { defaultHints } from '../../src/parse';

/** The first difference between two parses of one text, or undefined when they agree. */
export function parseDifference(got: ParsedSource, want: ParsedSource, trees = true): string | undefined {
  const a = JSON.stringify(got.syntaxErrors);
  const b = JSON.stringify(want.syntaxErrors);
  if (a !== b) return `syntax errors differ:\n  incremental ${a}\n  full        ${b}`;
  if (got.shaped !== want.shaped) return 'a different text was parsed (conditional pass taken by one only)';
  if (got.errorChars !== want.errorChars) return `error characters ${got.errorChars}, full ${want.errorChars}`;
  if (trees && got.tree.rootNode.toString() !== want.tree.rootNode.toString()) return 'the trees differ';
  return undefined;
}

/**
 * `parseSource` (its conditional pass incremental) against a full parse of `text`, as it is and
 * keeping its first parse (`keepFirst`, as a port parses its input): the parse, and the first
 * tree kept (a checked copy) against a full parse of its text.
 */
export function compareInput(text: string, file: string, hints?: MacroHints, trees = true): string | undefined {
  const want = parseSourceFull(text, file, hints);
  const d = parseDifference(parseSource(text, file, undefined, hints), want, trees);
  if (d) return d;
  const kept = parseSource(text, file, undefined, hints, { keepFirst: true });
  const first = takeFirstParse(kept);
  if (first && first.tree.rootNode.toString() !== parseC(first.shaped).rootNode.toString())
    return 'the first tree kept differs from a full parse of its text';
  const k = parseDifference(kept, want, trees);
  return k && `keeping the first parse: ${k}`;
}

/**
 * The text `edits` make of `from.text`, parsed incrementally from `spareTree(from)` (as a port
 * parses its output), against a full parse of it; `from.tree` is left as it is.
 */
export function compareEdited(
  from: ParsedSource,
  edits: readonly Edit[],
  hints?: MacroHints,
  trees = true,
): { output: string; difference?: string } {
  const { output, placed } = applyEdits(from.text, edits, () => undefined);
  const difference = compareOutput(from, output, edits, placed, hints, trees);
  return { output, ...(difference ? { difference } : {}) };
}

/** A port's output (`provenance` from its result), parsed incrementally from `from`, against a full parse. */
export function comparePortOutput(
  from: ParsedSource,
  output: string,
  provenance: Provenance,
  hints?: MacroHints,
  trees = true,
): string | undefined {
  const edits = provenance.edits.map((e) => ({ start: e.input.start, end: e.input.end, text: '', ruleId: e.ruleId }));
  return compareOutput(
    from,
    output,
    edits,
    provenance.edits.map((e) => ({ start: e.output.start, end: e.output.end })),
    hints,
    trees,
  );
}

/**
 * The output parsed from a spare of `from`'s tree, and from `from`'s first parse as a port parses
 * it when its input's conditional pass flattened something (`takeFirstParse`), against a full parse.
 */
function compareOutput(
  from: ParsedSource,
  output: string,
  edits: readonly Edit[],
  placed: readonly Placed[],
  hints: MacroHints | undefined,
  trees: boolean,
): string | undefined {
  const replaced = replacements(edits, placed);
  const want = parseSourceFull(output, from.file, hints);
  const got = reparseEdited(output, from.file, hints, from, spareTree(from.shaped, from.tree), replaced);
  const d = parseDifference(got, want, trees);
  if (d) return d;
  const first = takeFirstParse(parseSource(from.text, from.file, undefined, hints, { keepFirst: true }));
  if (!first) return undefined;
  const fromFirst = reparseEdited(output, from.file, hints, first, first.tree, replaced, false);
  const e = parseDifference(fromFirst, want, trees);
  return e && `from the first parse: ${e}`;
}

/**
 * `next` parsed from `last` (a parse of the previous text of the same file) as watch parses a
 * port's new output from the last one (src/port/output-parse.ts), against a full parse of it.
 */
export function compareNextOutput(last: ParsedSource, next: string, hints?: MacroHints): string | undefined {
  const h = hints ?? defaultHints();
  return parseDifference(parseNextOutput(outputBase(last, h), next, last.file, h), parseSourceFull(next, last.file, h));
}

/** Texts random edits put in: C fragments that open, close or break constructs, and directives. */
const SNIPPETS = [
  '',
  '}',
  '{',
  ';',
  '(',
  ')',
  'x',
  'foo(a, b);',
  '\n',
  '\n#ifdef CONFIG_X\n',
  '\n#else\n',
  '\n#endif\n',
  '\n#define M(a) ((a) + 1)\n',
  '/* Xen: */',
  '/*',
  '*/',
  '"',
  'static int f(void)\n{\n\treturn 0;\n}\n',
  '\tlist_for_each_entry(p, &h, node) {\n',
  'container_of(p, struct s, m)',
  'err:\n',
  'é',
];

/** One to five random edits of `text` (sorted, not overlapping), drawn with `rand`. */
export function randomEdits(text: string, rand: () => number): Edit[] {
  const n = 1 + Math.floor(rand() * 5);
  const starts = Array.from({ length: n }, () => Math.floor(rand() * (text.length + 1))).sort((a, b) => a - b);
  const edits: Edit[] = [];
  let at = 0;
  for (const s of starts) {
    if (s < at) continue;
    const end = Math.min(text.length, s + (rand() < 0.5 ? 0 : Math.floor(rand() * 40)));
    const put = SNIPPETS[Math.floor(rand() * SNIPPETS.length)];
    edits.push({ start: s, end, text: put, ruleId: 'random' });
    at = end;
  }
  return edits;
}
