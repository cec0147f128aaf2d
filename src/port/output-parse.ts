/**
 * The parse of a port's new output from the last output of the same file (`xenport watch` after a
 * rule edit: src/port/parse-memo.ts), giving what `parseSource` gives (the syntax errors XP204
 * counts, the text parsed, the tree) while reading again only the top-level items around the
 * change. What is kept of the last output (`outputBase`, made while watch waits): its shaped
 * texts, a tree of its first parse and, when its conditional pass (src/parse/conditionals.ts)
 * flattened something, a tree of the flattened text, each with its syntax-error regions.
 *
 * The new output is shaped around the change (./output-shape.ts) and parsed incrementally; the
 * window is the top-level items the change or the re-parse touched (tree-sitter's changed
 * ranges), with a neighbour on each side. When the window has no syntax error, in the new first
 * tree nor in the last one, its conditional directives balance within it in both texts, and the
 * last pass blanked nothing in it, the conditional pass decides outside the window what it decided
 * for the last output: a group is flattened only when it overlaps an error, none is in the window,
 * and groups, errors and items outside it are the last output's, moved by the change's length. So
 * the first parse's errors are the last ones moved, the flattened text is the last one with the
 * window's new text, and its tree is re-parsed from the last flattened tree, whose errors are read
 * again in its own window only. Otherwise the passes run over the whole output (src/parse/source.ts
 * `finishParse`). test/port/output-parse.test.ts and `npm run reparse-check` compare with full parses.
 */
import { LineIndex } from '../diagnostics';
import {
  alignedChanges,
  editTree,
  mayDifferFromFull,
  textChange,
  topLevelItems,
  touchedItems,
} from '../parse/incremental';
import type { Replacement, TextChange } from '../parse/incremental';
import { codeMap, CODE, DIRECTIVE } from '../parse/code-map';
import { flattenConditionals, groupReach } from '../parse/conditionals';
import { parseC } from '../parse/parser';
import type { SyntaxNode, Tree } from '../parse/parser';
import { shapeMacros } from '../parse/shape';
import type { MacroHints, ParsedSource } from '../parse';
import {
  completeParse,
  errorRegions,
  finishParse,
  mergedRegions,
  regionDiagnostics,
  regionsOutside,
  spareTree,
} from '../parse/source';
import type { ErrorRegion } from '../parse/source';
import { reshapeOutput, shapedOutput } from './output-shape';
import type { ShapedOutput } from './output-shape';

/** A text of the last output, a tree of it no one has read (to edit), and its syntax-error regions. */
interface Parsed {
  text: string;
  tree: Tree;
  errors: ErrorRegion[];
}

/** What is kept of the last output to parse the next one from (`outputBase`). */
export interface OutputBase {
  /** Its masked and first shaped texts, code map and items. */
  texts: ShapedOutput;
  /** The first parse (of `texts.shaped`). */
  first: Parsed;
  /** The code map of `texts.shaped` (what the conditional pass reads). */
  shapedKind: Uint8Array;
  /** The conditional pass's flattened text and its parse, when the pass flattened something. */
  second?: Parsed;
}

/**
 * What `parseNextOutput` needs of `src` (a parsed output): full parses of its first shaped text
 * and of its flattened text (the reference trees), and copies of them no one reads. Made off the
 * critical path, while watch waits.
 */
export function outputBase(src: ParsedSource, hints: MacroHints): OutputBase {
  const k = known.get(src);
  if (k) {
    const texts = shapedOutput(src.text, { masked: src.masked, shaped: k.first.text });
    const again = (p: Known['first']): Parsed => ({ text: p.text, tree: p.again(), errors: p.errors });
    return { texts, first: again(k.first), shapedKind: k.shapedKind, ...(k.second ? { second: again(k.second) } : {}) };
  }
  const shaped = shapeMacros(src.text, hints);
  const texts = shapedOutput(src.text, { masked: src.masked, shaped: shaped.shaped });
  // The tree `src` chose is a parse of its text (what a full parse gives): read it when it fits.
  const read = (text: string): Tree => (src.shaped === text ? src.tree : parseC(text));
  const t1 = read(texts.shaped);
  const labels: ErrorRegion[] = [];
  const first = { text: texts.shaped, tree: spareTree(texts.shaped, t1), errors: errorRegions([t1.rootNode], labels) };
  const shapedKind = codeMap(texts.shaped);
  const flat = first.errors.length
    ? flattenConditionals(texts.shaped, t1, shapedKind, [...first.errors, ...labels])?.text
    : undefined;
  let second: Parsed | undefined;
  if (flat !== undefined) {
    const t2 = read(flat);
    second = { text: flat, tree: spareTree(flat, t2), errors: errorRegions([t2.rootNode]) };
  }
  return { texts, first, shapedKind, ...(second ? { second } : {}) };
}

/**
 * What `parseNextOutput` read of an output it parsed around the change, for `outputBase`: its
 * first shaped text and its code map, and per parse (the first, and the flattened text's) the
 * text, its error regions and how to make a tree of it no one has read: the same incremental
 * parse again (from the same edited tree and text, tree-sitter gives the same tree), or a full
 * parse when the parse was one. Spares the full parses, the shaping and the conditional pass of
 * the output while watch waits.
 */
interface Known {
  shapedKind: Uint8Array;
  first: { text: string; errors: ErrorRegion[]; again: () => Tree };
  second?: { text: string; errors: ErrorRegion[]; again: () => Tree };
}

const known = new WeakMap<ParsedSource, Known>();

/**
 * `parseSource(output, file, undefined, hints)` for an output made from the last one (`base`,
 * made with the same hints), whose trees it consumes.
 */
export function parseNextOutput(base: OutputBase, output: string, file: string, hints: MacroHints): ParsedSource {
  const change = textChange(base.texts.text, output);
  const first = reshapeOutput(base.texts, output, change, hints) ?? shapeMacros(output, hints);
  const lines = new LineIndex(output);
  const re1 = reparse(base.first, first.shaped, change, lines);
  if (!re1.window) return finishParse(output, file, first, lines, re1.tree, true);
  const delta = change.outEnd - change.end;
  const w = re1.window;
  const lastWindow = { start: w.start, end: w.end - delta };
  const kind = kindAround(base.shapedKind, first.shaped, w, delta);
  const replaced = [asChange(change)];
  const errors1 = regionsOutside(base.first.errors, replaced, [w]);
  const quiet =
    kind !== undefined &&
    errors1 !== undefined &&
    !re1.windowHasError &&
    // An error in the blanks before the window counts for a group at its start, as in the pass.
    !touches(base.first.errors, { start: groupReach(base.first.text, lastWindow.start), end: lastWindow.end }) &&
    directivesBalance(first.shaped, kind, w) &&
    directivesBalance(base.first.text, base.shapedKind, lastWindow) &&
    (!base.second ||
      base.second.text.slice(lastWindow.start, lastWindow.end) ===
        base.first.text.slice(lastWindow.start, lastWindow.end));
  if (!quiet || !errors1) return finishParse(output, file, first, lines, re1.tree, true);
  let chosen = { tree: re1.tree, shaped: first.shaped, errors: errors1 };
  const read: Known = { shapedKind: kind, first: { text: first.shaped, errors: errors1, again: re1.again } };
  if (errors1.length && base.second) {
    const last = base.second.text;
    const flat = last.slice(0, w.start) + first.shaped.slice(w.start, w.end) + last.slice(lastWindow.end);
    const re2 = reparse(base.second, flat, change, lines);
    const outside = re2.window && regionsOutside(base.second.errors, replaced, [re2.window]);
    const errors2 = outside
      ? mergedRegions(outside, errorRegions(re2.windowItems()))
      : errorRegions([re2.tree.rootNode]);
    if (errors2.length < errors1.length) chosen = { tree: re2.tree, shaped: flat, errors: errors2 };
    read.second = { text: flat, errors: errors2, again: re2.again };
  }
  const parsed = completeParse(
    output,
    file,
    { masked: first.masked, shaped: chosen.shaped },
    lines,
    chosen.tree,
    regionDiagnostics(chosen.errors, lines, file),
  );
  known.set(parsed, read);
  return parsed;
}

/** The replacement as a change of the text: its range in the last text and in the new one. */
const asChange = (r: Replacement): TextChange => ({
  oldStart: r.start,
  oldEnd: r.end,
  newStart: r.outStart,
  newEnd: r.outEnd,
});

/** A window of a tree: [start, end) covering whole top-level items. */
interface Window {
  start: number;
  end: number;
}

/**
 * `next` (the text `change` makes of `from.text`, shapes and conditionals aside) parsed
 * incrementally from `from.tree`, which is consumed. With a window (the top-level items of the
 * new tree the change or the parse touched, and a neighbour on each side) when the new tree is
 * what a full parse gives there; without one, the tree is a full parse. `again` makes the same
 * tree anew (one no JavaScript node was read from: the next `outputBase` edits it).
 */
function reparse(
  from: Parsed,
  next: string,
  change: Replacement,
  lines: LineIndex,
): { tree: Tree; again: () => Tree; window?: Window; windowHasError?: boolean; windowItems: () => SyntaxNode[] } {
  const changes = alignedChanges(from.text, next, [change]);
  editTree(from.tree, changes, from.text, lines);
  const tree = parseC(next, undefined, from.tree);
  const { starts, ends } = topLevelItems(tree);
  const full = (): Tree => parseC(next);
  if (mayDifferFromFull(tree, changes, { starts, ends })) return { tree: full(), again: full, windowItems: () => [] };
  const again = (): Tree => parseC(next, undefined, from.tree);
  // The items the shaped changes, the replacement or the parse touched, with a neighbour on each side.
  const runs = touchedItems(from.tree, tree, [...changes, asChange(change)], { starts, ends });
  if (!runs) return { tree, again, windowItems: () => [] };
  const lo = runs[0].from;
  const hi = runs[runs.length - 1].to;
  const root = tree.rootNode;
  const items = (): SyntaxNode[] => {
    const out = [];
    for (let k = lo; k <= hi; k++) out.push(root.child(k) as SyntaxNode);
    return out;
  };
  // The window reaches the text's ends when its first or last item is the tree's.
  const window = { start: lo === 0 ? 0 : starts[lo], end: hi === starts.length - 1 ? next.length : ends[hi] };
  return {
    tree,
    again,
    window,
    windowHasError: root.hasError && items().some((n) => n.hasError),
    windowItems: items,
  };
}

/** Whether a region of `errors` touches [w.start, w.end] (its ends included). */
function touches(errors: readonly ErrorRegion[], w: Window): boolean {
  return errors.some((r) => r.start <= w.end && r.end >= w.start);
}

/**
 * The code map of `now` (the new shaped text) from `was` (the last one's), whose texts differ only
 * in the window (`delta`: the change of length): mapped again from the last line start before
 * the window where the map's state is clean (after a newline that is code: outside any directive,
 * comment or literal) to the first newline after it that is code in both maps; the same as before
 * and after. Undefined when none comes in the next few lines.
 */
function kindAround(was: Uint8Array, now: string, w: Window, delta: number): Uint8Array | undefined {
  // (lastIndexOf reads a negative start as 0.)
  const before = (at: number): number => (at > 0 ? now.lastIndexOf('\n', at - 1) : -1);
  let s = before(w.start);
  while (s >= 0 && was[s] !== CODE) s = before(s);
  const from = s + 1;
  const kind = new Uint8Array(now.length);
  kind.set(was.subarray(0, from));
  // A few lines after the window at most: past them, mapping the whole text is as quick.
  for (let e = now.indexOf('\n', w.end), tries = 0; tries < 8; e = now.indexOf('\n', e + 1), tries++) {
    if (e < 0) {
      kind.set(codeMap(now.slice(from)), from);
      return kind;
    }
    if (was[e - delta] !== CODE) continue;
    const region = codeMap(now.slice(from, e + 1));
    if (region[e - from] !== CODE) continue;
    kind.set(region, from);
    kind.set(was.subarray(e + 1 - delta), e + 1);
    return kind;
  }
  return undefined;
}

/**
 * Whether the conditional directives in the window (as the conditional pass finds them: a `#` the
 * code map marks as a directive, first on its line) make whole groups: each `#if` closed in it, no
 * `#elif`, `#else` or `#endif` of a group opened before it.
 */
function directivesBalance(text: string, kind: Uint8Array, w: Window): boolean {
  let depth = 0;
  for (let at = text.indexOf('#', w.start); at >= 0 && at < w.end; at = text.indexOf('#', at + 1)) {
    if (kind[at] !== DIRECTIVE) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    // Not first on its line, or on a continued directive's line: not a directive line of its own.
    if (!/^[ \t]*$/.test(text.slice(lineStart, at)) || kind[lineStart - 1] === DIRECTIVE) continue;
    if (lineStart < w.start) return false;
    const word = /^#\s*(\w+)/.exec(text.slice(at, at + 40))?.[1] ?? '';
    if (word === 'if' || word === 'ifdef' || word === 'ifndef') depth++;
    else if (word === 'endif') {
      if (--depth < 0) return false;
    } else if (/^(elif|else|elifdef|elifndef)$/.test(word) && depth === 0) return false;
  }
  return depth === 0;
}
