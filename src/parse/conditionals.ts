/**
 * A second parse for conditionals inside code (`val = a |\n#ifdef X\n b |\n#endif\n c;`, a label
 * before `#ifdef`, `} else\n#endif`): tree-sitter-c reads such directives as separate items and
 * breaks the construct around them. Like Coccinelle's second pass ("#ifdef inside a function: I
 * treat it as a comment"), each conditional group that lies inside a construct and overlaps a
 * syntax error keeps only its first branch: its directive lines and its other branches are blanked
 * (newlines kept), so offsets stay valid; so are `#define` and `#undef` lines inside a broken
 * construct (a macro defined in the middle of an initializer), but not one between items that an
 * ERROR item starts with or spans (its body is matched as C: ./macro-bodies.ts). Rules compare the
 * masked text, where nothing changes.
 */
import { codeMap, CODE, COMMENT, DIRECTIVE } from './code-map';
import { countAtMost } from '../sorted';
import { differingStretches, topLevelItems } from './incremental';
import type { TextChange, TopLevelItems } from './incremental';
import type { SyntaxNode, Tree } from './parser';
import { Chars } from './shape-text';

/** A `#if` ... `#endif` group: its directive lines (start, end) and where its first branch ends. */
interface Group {
  start: number;
  end: number;
  directives: Array<[number, number]>;
  /** Start of the first `#elif`/`#else` line, or the `#endif` line. */
  firstBranchEnd: number;
}

/** The conditional groups of `text`, from its directive lines (`kind` is its code map). */
function groups(text: string, kind: Uint8Array): Group[] {
  const out: Group[] = [];
  const open: Group[] = [];
  let i = 0;
  // The next '#' at or after `i` (searched again only once passed: a search per line would read
  // the same stretch of text again for every line before a far '#').
  let hash = text.indexOf('#');
  while (i < text.length) {
    if (hash >= 0 && hash < i) hash = text.indexOf('#', i);
    if (hash < 0) break;
    // Lines without a '#' hold no directive: on to the line of the next one.
    if (hash > i) i = Math.max(i, text.lastIndexOf('\n', hash - 1) + 1);
    const nl = text.indexOf('\n', i);
    const lineEnd = nl < 0 ? text.length : nl;
    if (hash >= 0 && hash < lineEnd && kind[hash] === DIRECTIVE && /^[ \t]*$/.test(text.slice(i, hash))) {
      let e = lineEnd;
      while (e < text.length && kind[e] === DIRECTIVE)
        e = text.indexOf('\n', e + 1) < 0 ? text.length : text.indexOf('\n', e + 1);
      const word = /^#\s*(\w+)/.exec(text.slice(hash, hash + 40))?.[1] ?? '';
      const top = open[open.length - 1];
      if (word === 'if' || word === 'ifdef' || word === 'ifndef')
        open.push({ start: i, end: e, directives: [[i, e]], firstBranchEnd: -1 });
      else if (top && (word === 'elif' || word === 'else' || word === 'elifdef' || word === 'elifndef')) {
        if (top.firstBranchEnd < 0) top.firstBranchEnd = i;
        top.directives.push([i, e]);
      } else if (top && word === 'endif') {
        if (top.firstBranchEnd < 0) top.firstBranchEnd = i;
        top.directives.push([i, e]);
        top.end = e;
        out.push(top);
        open.pop();
      }
      i = e + 1;
      continue;
    }
    i = lineEnd + 1;
  }
  return out;
}

/** A range of a tree's text. */
interface Range {
  start: number;
  end: number;
}

/** True when the directive at `at` sits inside a construct (not between top-level items). */
function insideConstruct(tree: Tree, at: number): boolean {
  let n: SyntaxNode | null = tree.rootNode.descendantForIndex(at, at);
  while (n && n.type.startsWith('preproc')) n = n.parent;
  return !!n && n.type !== 'translation_unit';
}

/**
 * A finder of the child of the root that holds an offset: its index among the root's children and
 * its start, or undefined. The ranges are read once (./incremental.ts `topLevelItems`), then
 * searched by bisection.
 */
function itemFinder(items: TopLevelItems): (at: number) => { index: number; start: number } | undefined {
  const { starts, ends } = items;
  return (at) => {
    // The last child starting at or before `at` (children are in order and do not overlap).
    const i = countAtMost(starts, at) - 1;
    return i >= 0 && at < ends[i] ? { index: i, start: starts[i] } : undefined;
  };
}

/**
 * Whether offsets of `text` lie inside the item that starts at `from`: inside its brackets, or
 * after some code of it that does not end an item (`= a +` before the line; not `;` or `}`). Only
 * code counts (`kind` is the code map): a `#define` an ERROR item starts with is not inside. Asked
 * for increasing offsets, it reads each character once.
 */
function withinItem(text: string, kind: Uint8Array, from: number): (at: number) => boolean {
  let depth = 0;
  let last = '';
  let i = from;
  return (at) => {
    for (; i < at; i++) {
      if (kind[i] !== CODE) continue;
      const c = text[i];
      if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === '}' || c === ')' || c === ']') depth--;
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') last = c;
    }
    return depth > 0 || (last !== '' && last !== ';' && last !== '}');
  };
}

/**
 * Blank [a, b) of `chars`, keeping line breaks and comments (a `/*` on a directive line may open a
 * comment that goes on below it).
 */
function blank(chars: Chars, a: number, b: number, kind: Uint8Array, blanked: Array<[number, number]>): void {
  blanked.push([a, b]);
  for (let i = a; i < b && i < kind.length; i++) {
    const c = chars.code(i);
    if (c !== 10 && c !== 13 && kind[i] !== COMMENT) chars.set(i, ' ');
  }
}

/**
 * Where a group starting at `start` reaches back to for the errors it overlaps: over the blanks
 * before it (an error just before the group, a MISSING `;` after a label, counts as overlapping it).
 */
export function groupReach(text: string, start: number): number {
  let from = start;
  while (from > 0 && /\s/.test(text[from - 1])) from--;
  return from;
}

/** A text flattened by the conditional pass, and where it differs from the text it was made from. */
export interface Flattened {
  text: string;
  /** The differing stretches, those at most `NEAR` characters apart joined (`blankedStretches`). */
  changes: TextChange[];
}

/**
 * `shaped` with the conditional groups that overlap a syntax error of `tree` (and sit inside a
 * construct) reduced to their first branch, or undefined when there is no such group. `kind` is
 * the code map of `shaped`, when the caller has made it already (so are `items`, the tree's
 * top-level items). `errors`: the outermost ERROR ranges and every MISSING node of `tree` (what
 * src/parse/source.ts `errorRegions` finds, with its `labels`), which its caller has read.
 */
export function flattenConditionals(
  shaped: string,
  tree: Tree,
  kind: Uint8Array | undefined,
  errors: readonly Range[],
  items?: TopLevelItems,
): Flattened | undefined {
  if (!tree.rootNode.hasError || !shaped.includes('#')) return undefined;
  const chars = new Chars(shaped);
  kind ??= codeMap(shaped);
  const blanked: Array<[number, number]> = [];
  let changed = false;
  for (const g of groups(shaped, kind)) {
    const from = groupReach(shaped, g.start);
    if (!errors.some((r) => r.start < g.end && r.end >= from)) continue;
    if (!insideConstruct(tree, g.start + (shaped.slice(g.start).search(/#/) || 0))) continue;
    for (const [a, b] of g.directives) blank(chars, a, b, kind, blanked);
    blank(chars, g.firstBranchEnd, g.end, kind, blanked);
    changed = true;
  }
  // A #define or #undef inside a broken construct (an initializer, an enum) is blanked too; not one
  // between items, which an ERROR item may start with or swallow (a comment in a multi-line body).
  let topLevelItem: ReturnType<typeof itemFinder> | undefined;
  let within: { index: number; at: (offset: number) => boolean } | undefined;
  for (const m of defineLines(shaped)) {
    const at = m.index;
    const hash = at + m[0].indexOf('#');
    const found = (topLevelItem ??= itemFinder(items ?? topLevelItems(tree)))(at);
    if (!found) continue;
    // The text test first: it needs no node, and most `#define` lines are items of their own.
    if (within?.index !== found.index) within = { index: found.index, at: withinItem(shaped, kind, found.start) };
    if (!within.at(hash)) continue;
    const item = tree.rootNode.child(found.index);
    if (!item || !(item.type === 'ERROR' || item.hasError) || !insideConstruct(tree, hash)) continue;
    blank(chars, at, at + m[0].length, kind, blanked);
    changed = true;
  }
  if (!changed) return undefined;
  const text = chars.toString();
  return { text, changes: blankedStretches(shaped, text, blanked) };
}

/** A `#define` or `#undef` line (with its continuation lines) from its line's start. */
const DEFINE_LINE = /[ \t]*#[ \t]*(?:define|undef)\b(?:[^\n]*\\\r?\n)*[^\n]*/y;

/**
 * The `#define` and `#undef` lines of `text` (with their continuation lines), in order: what
 * `/^[ \t]*#[ \t]*(define|undef)\b(?:[^\n]*\\\r?\n)*[^\n]*\/gm` matches, tried only at the start
 * of the lines that hold a `#` (a search of the pattern tries every line start of the file).
 */
function* defineLines(text: string): Generator<{ index: number; 0: string }> {
  const re = new RegExp(DEFINE_LINE.source, 'y');
  let from = 0;
  for (let hash = text.indexOf('#'); hash >= 0; hash = text.indexOf('#', Math.max(hash + 1, from))) {
    const lineStart = text.lastIndexOf('\n', hash - 1) + 1;
    if (lineStart < from) continue;
    re.lastIndex = lineStart;
    const m = re.exec(text);
    if (!m) continue;
    yield { index: lineStart, 0: m[0] };
    from = lineStart + m[0].length;
  }
}

/** Blanked stretches at most this far apart are told to the tree as one change. */
const NEAR = 512;

/**
 * The stretches where `flat` differs from `shaped`, found inside the `blanked` ranges (the whole
 * text without them), as changes to tell a tree of `shaped` of, those at most `NEAR` characters
 * apart joined into one (the text between them is the same in both, so the joined change is
 * exact). A group is blanked as several stretches a few characters apart (`#ifndef`, its name,
 * `#endif`), and each `Tree.edit` updates every JavaScript node still alive for the tree (the
 * syntax-error walk made one per item): fewer, wider edits cost less, for a re-parse of the few
 * characters between them.
 */
export function blankedStretches(
  shaped: string,
  flat: string,
  blanked: ReadonlyArray<readonly [number, number]> = [[0, shaped.length]],
): TextChange[] {
  const ranges = [...blanked].sort((x, y) => x[0] - y[0]);
  const out: TextChange[] = [];
  let from = 0;
  for (const [a, b] of ranges) {
    const start = Math.max(a, from);
    const end = Math.min(b, shaped.length);
    if (start >= end) continue;
    from = end;
    for (const c of differingStretches(shaped, flat, start, end)) {
      const last = out[out.length - 1];
      if (last && c.oldStart - last.oldEnd <= NEAR) ((last.oldEnd = c.oldEnd), (last.newEnd = c.newEnd));
      else out.push(c);
    }
  }
  return out;
}
