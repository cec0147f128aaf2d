/**
 * A parsed C source: the original text, the annotation-masked text rules compare, the
 * macro-shaped text tree-sitter saw, the tree, a line index and the syntax-error regions as
 * warnings.
 */
import { Diagnostic, diag, LineIndex } from '../diagnostics';
import type { MacroHints } from './hints';
import { flattenConditionals } from './conditionals';
import {
  alignedChanges,
  editTree,
  joinedPerItem,
  likelyThrownAway,
  mayDifferFromFull,
  sameItems,
  topLevelItems,
  touchedItems,
} from './incremental';
import type { Replacement, TextChange, TopLevelItems } from './incremental';
import { childrenWithErrors, parseC, SyntaxNode, TextRange, Tree } from './parser';
import { maskThenShape } from './quick-mask';
import { defaultHints, shapeMacros } from './shape';
import type { ShapedText } from './shape';

/** A C file ready for matching. Offsets of `tree` are valid in `text`, `masked` and `shaped`. */
export interface ParsedSource {
  file: string;
  text: string;
  /** `text` with annotations and attributes blanked: what rules compare and what node text reads. */
  masked: string;
  /** `masked` with the other macro shapes rewritten (./shape.ts; with `only`, in its parts): what the parser saw. */
  shaped: string;
  tree: Tree;
  lines: LineIndex;
  /** One XP007 warning per syntax-error region (ERROR or MISSING node). */
  syntaxErrors: Diagnostic[];
  /** Characters covered by ERROR nodes, to tell C from non-C. */
  errorChars: number;
  /** Where an unterminated block comment starts, if any: no C compiler accepts the file then. */
  unterminatedComment?: Diagnostic['location'];
}

/**
 * Parse `text` (the contents of `file`) with kernel macros shaped by `hints` (the shipped kernel
 * hints by default). With `only`, which is given the masked text, just the ranges it returns are
 * parsed (a scan's candidate segments; an empty list parses nothing); undefined from it parses
 * the whole text. Node text (`node.text`, query predicates) reads the masked text, not the
 * shaped one: a rule sees `list_for_each_entry(`, never the `for(;;` the parser saw. With
 * `keepFirst` (and no `only`), when the conditional pass flattens the text, the first parse is
 * kept for `takeFirstParse` (what a port re-parses its output from).
 */
export function parseSource(
  text: string,
  file: string,
  only?: (masked: string) => ReadonlyArray<{ start: number; end: number }> | undefined,
  hints: MacroHints = defaultHints(),
  options: { keepFirst?: boolean } = {},
): ParsedSource {
  // With `only`, just the parts it chooses are shaped (./quick-mask.ts).
  const first = only ? maskThenShape(text, hints, only) : { ...shapeMacros(text, hints), parts: undefined };
  const lines = new LineIndex(text);
  const parts = first.parts;
  // An empty list parses nothing (tree-sitter reads no ranges as the whole text).
  const ranges = parts && (parts.length ? parts : [{ start: 0, end: 0 }]);
  const included = ranges?.map((r) => textRange(lines, r.start, r.end));
  const firstTree = parseC(first.shaped, included);
  return finishParse(text, file, first, lines, firstTree, !included, { included, copyFirst: options.keepFirst });
}

/** A text of a parsed source and a tree of it that no one else reads. */
export interface SpareParse {
  shaped: string;
  tree: Tree;
  /** The syntax-error regions of `tree`, when known. */
  errors?: readonly ErrorRegion[];
  /** With `errors`: its MISSING nodes that are no error (`errorRegions`' labels). */
  labels?: readonly ErrorRegion[];
  /** The top-level items of `tree`, when known. */
  items?: TopLevelItems;
}

/** The first parses `parseSource` kept (`keepFirst`), until handed out. */
const firstParses = new WeakMap<ParsedSource, SpareParse>();

/**
 * The first parse of `src` (its first shaped text, before the conditional pass flattened it, and
 * its tree, which only the syntax-error walk and the pass read, with few JavaScript nodes), when
 * `parseSource` kept it (`keepFirst`): handed out once, to be edited. A port re-parses its output
 * from it: the output brings back what the input's pass blanked, so from the flattened tree the
 * changes would lie next to the errors, and the re-parse would be made again from scratch
 * (./incremental.ts `mayDifferFromFull`).
 */
export function takeFirstParse(src: ParsedSource): SpareParse | undefined {
  const kept = firstParses.get(src);
  firstParses.delete(src);
  return kept;
}

/**
 * `parseSource(text, file, undefined, hints)` with every parse made from scratch: the reference
 * the incremental parses are checked against (test/parse/incremental.test.ts,
 * scripts/reparse-check).
 */
export function parseSourceFull(text: string, file: string, hints: MacroHints = defaultHints()): ParsedSource {
  const first = shapeMacros(text, hints);
  const lines = new LineIndex(text);
  return finishParse(text, file, first, lines, parseC(first.shaped), false);
}

/**
 * Parse `text`, made from `from.text` by the replacements `replaced` (src/edit/apply.ts), as
 * `parseSource(text, file, undefined, hints)` does, re-parsing only what changed: `tree`, a tree
 * of `from.shaped` (`from.tree` or a copy of it), is told of every difference between `from.shaped`
 * and this text's shaped text, and re-parsed from (or the text is parsed from scratch when the
 * result has syntax errors where it may differ from a full parse: ./incremental.ts). `tree` is
 * consumed: it is edited, and must not be read or used again (pass `spareTree(from)` to keep
 * `from.tree`). With `copyFirst`, when the conditional pass runs on the text, the flattened text
 * is parsed from a copy of its first tree (`finishParse`): a parse from scratch is spared when
 * the pass does no better, and the copy is wasted when it does. A re-parse without syntax errors
 * is taken as it is (a tree without errors is a derivation of its text).
 */
export function reparseEdited(
  text: string,
  file: string,
  hints: MacroHints | undefined,
  from: Pick<SpareParse, 'shaped' | 'errors' | 'labels' | 'items'>,
  tree: Tree,
  replaced: readonly Replacement[],
  copyFirst = true,
): ParsedSource {
  const first = shapeMacros(text, hints ?? defaultHints());
  const lines = new LineIndex(text);
  const changes = alignedChanges(from.shaped, first.shaped, replaced);
  let again: Tree;
  let known: FirstErrors | undefined;
  let items: TopLevelItems | undefined;
  // Errors next to a change: the incremental parse would be made again from scratch.
  if (likelyThrownAway(tree, changes, from.errors, { before: from.shaped, after: first.shaped }, from.items))
    again = parseC(first.shaped);
  else {
    editTree(tree, changes, from.shaped, lines);
    again = parseC(first.shaped, undefined, tree);
    // Without errors, a tree is a derivation of its text: what a full parse gives.
    if (!again.rootNode.hasError) known = { regions: [], labels: [] };
    else {
      items = topLevelItems(again);
      if (mayDifferFromFull(again, changes, items)) [again, items] = [parseC(first.shaped), undefined];
      else if (from.errors && from.labels)
        known = errorsAfterEdit(tree, again, changes, { regions: from.errors, labels: from.labels }, items);
    }
  }
  const parsed = finishParse(text, file, first, lines, again, true, {
    copyFirst,
    firstErrors: known,
    firstItems: items,
  });
  takeFirstParse(parsed);
  return parsed;
}

/**
 * A tree of `text` (which `tree` is a parse of) that may be edited (and given to `reparseEdited`)
 * while `tree` stays as it is, and that no JavaScript node was read from (node-tree-sitter moves
 * every node it cached on each `Tree.edit`). Without syntax errors, a copy of `tree`: an
 * incremental parse with no edits (a fraction of a full parse; the copies share their unchanged
 * parts, and an edit copies what it changes). With some, a parse from scratch: where it recovers
 * from an error an incremental parse may differ from a full one (./incremental.ts), and the trees
 * a port re-parses from must be what full parses give.
 */
export function spareTree(text: string, tree: Tree): Tree {
  return parseC(text, undefined, tree.rootNode.hasError ? undefined : tree);
}

/** What `finishParse` is told besides the first tree. */
export interface FinishOptions {
  /** The ranges the first tree was parsed with (not incremental then). */
  included?: TextRange[];
  /** Parse the flattened text from a copy of the first tree, which stays as it is (see `finishParse`). */
  copyFirst?: boolean;
  /** The error regions and labels of the first tree, when the caller knows them (`errorsAfterEdit`). */
  firstErrors?: FirstErrors;
  /** The top-level items of the first tree, when the caller read them. */
  firstItems?: TopLevelItems;
}

/**
 * A parsed source from the first tree of its shaped text: the syntax errors, and when there are
 * some, the conditional pass. When `incremental`, the flattened text is parsed incrementally from
 * the first tree (the blanked stretches are its only changes); else from scratch, with the
 * `included` ranges. With `copyFirst` (and `incremental`), the flattened text is parsed from a
 * copy of the first tree (an incremental parse with no edits, unchecked: a flattened tree without
 * errors is a derivation of its text, and one with errors is taken only when its items with
 * errors are the first tree's, `sameItems`), so the first tree stays as it is: the tree when the
 * pass does no better (without `copyFirst` the first text is parsed again from scratch), else
 * kept for `takeFirstParse`.
 */
export function finishParse(
  text: string,
  file: string,
  first: ShapedText,
  lines: LineIndex,
  firstTree: Tree,
  incremental: boolean,
  options: FinishOptions = {},
): ParsedSource {
  const { included, copyFirst, firstErrors } = options;
  const masked = first.masked;
  let shaped = first.shaped;
  let tree = firstTree;
  const labels: ErrorRegion[] = firstErrors ? [...firstErrors.labels] : [];
  const regions = firstErrors ? [...firstErrors.regions] : errorRegions([tree.rootNode], labels);
  let { diagnostics, errorChars } = regionDiagnostics(regions, lines, file);
  let kept: Tree | undefined;
  // Second pass: conditionals inside a broken construct keep their first branch only.
  // The first tree's items, read once for the pass and for joining its changes (before the tree is edited).
  const items = diagnostics.length ? (options.firstItems ?? topLevelItems(tree)) : undefined;
  const flat = items ? flattenConditionals(shaped, tree, undefined, [...regions, ...labels], items) : undefined;
  if (flat !== undefined && items) {
    // With `copyFirst`, the flattened text is parsed from a copy of the first tree, which stays as
    // it is: kept (a full parse, or what one gives), or the tree when the pass does no better.
    const old = incremental && copyFirst ? parseC(shaped, undefined, tree) : tree;
    const blanked = incremental ? joinedPerItem(tree, flat.changes, items) : [];
    if (incremental) editTree(old, blanked, shaped, lines);
    let again = parseC(flat.text, included, incremental ? old : undefined);
    let known: ErrorRegion[] | undefined;
    if (incremental) {
      let read: TopLevelItems | undefined;
      const flatItems = (): TopLevelItems => (read ??= topLevelItems(again));
      // Without errors, a tree is a derivation of its text: what a full parse gives.
      if (!again.rootNode.hasError) known = [];
      else if (mayDifferFromFull(again, blanked, flatItems())) again = parseC(flat.text);
      else {
        known = errorsAfterEdit(old, again, blanked, { regions, labels: [] }, flatItems())?.regions;
        // From an unchecked copy, the items with errors (which the parser reads again) must be the
        // first tree's: the same items as in the first text, parsed in the same state.
        if (old !== tree && !(known && sameItems(again, flatItems(), tree, items, known)))
          [again, known] = [parseC(flat.text), undefined];
      }
    }
    const errs = known ? regionDiagnostics(known, lines, file) : syntaxErrors(again.rootNode, lines, file);
    if (errs.diagnostics.length < diagnostics.length) {
      if (old !== tree) kept = tree;
      ({ tree, shaped, diagnostics, errorChars } = { tree: again, shaped: flat.text, ...errs });
    }
    // The first tree was edited for the second parse, which did no better: parsed again.
    else if (old === tree && incremental) tree = parseC(shaped);
  }
  const parsed = completeParse(text, file, { masked, shaped }, lines, tree, { diagnostics, errorChars });
  if (kept) firstParses.set(parsed, { shaped: first.shaped, tree: kept, errors: regions, labels, items });
  return parsed;
}

/**
 * The parsed source of `text` from the tree of the text chosen to parse (`texts.shaped`) and its
 * syntax errors: node text reads the masked text, and an unterminated comment is one more error.
 */
export function completeParse(
  text: string,
  file: string,
  texts: ShapedText,
  lines: LineIndex,
  tree: Tree,
  errors: { diagnostics: Diagnostic[]; errorChars: number },
): ParsedSource {
  const { masked, shaped } = texts;
  const { diagnostics, errorChars } = errors;
  (tree as unknown as { input: string }).input = masked;
  const unterminated = unterminatedComment(tree, shaped, lines, file);
  if (unterminated) {
    diagnostics.push(unterminated);
    diagnostics.sort(
      (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0),
    );
  }
  return {
    file,
    text,
    masked,
    shaped,
    tree,
    lines,
    syntaxErrors: diagnostics,
    errorChars,
    ...(unterminated ? { unterminatedComment: unterminated.location } : {}),
  };
}

/** The tree-sitter range of [start, end). */
function textRange(lines: LineIndex, start: number, end: number): TextRange {
  const a = lines.position(start);
  const b = lines.position(end);
  return {
    startIndex: start,
    endIndex: end,
    startPosition: { row: a.line - 1, column: a.col - 1 },
    endPosition: { row: b.line - 1, column: b.col - 1 },
  };
}

/**
 * An unterminated block comment, which tree-sitter does not report: its lexer reads a `/*` with no
 * closing `*\/` as a division and a dereference (`i/*p = 1;` parses). A C compiler rejects it, and a
 * comment added later in the file (a rule's `/* Xen: ... *\/`) would close it and swallow the code
 * in between. It counts as a syntax-error region, and `port()` refuses such an input (XP005).
 */
function unterminatedComment(tree: Tree, masked: string, lines: LineIndex, file: string): Diagnostic | undefined {
  // A '/*' with a '*/' somewhere after it lexes as a comment (or sits inside a string or another
  // comment): only those after the last '*/' can be unterminated, which spares a native lookup
  // per comment of the file.
  const from = Math.max(0, masked.lastIndexOf('*/') - 1);
  for (let i = masked.indexOf('/*', from); i >= 0; i = masked.indexOf('/*', i + 2)) {
    const n = tree.rootNode.descendantForIndex(i, i + 1);
    if (n.type !== '/' && n.type !== '/=') continue;
    return diag('XP007', `unterminated comment: '/*' without a closing '*/'`, {
      location: { file, ...lines.position(i) },
    });
  }
  return undefined;
}

/** A syntax-error region: an outermost ERROR node's range, or a MISSING node's (`missing`: its type). */
export interface ErrorRegion {
  start: number;
  end: number;
  missing?: string;
}

/** Collect the outermost ERROR nodes and all MISSING nodes as warnings, in source order. */
function syntaxErrors(
  root: SyntaxNode,
  lines: LineIndex,
  file: string,
): { diagnostics: Diagnostic[]; errorChars: number } {
  return regionDiagnostics(errorRegions([root]), lines, file);
}

/**
 * The syntax-error regions of `nodes` (in order, apart: a tree's root, or some of its top-level
 * items), in source order. The MISSING nodes that are no error (`labelAtBlockEnd`) go to `labels`.
 */
export function errorRegions(nodes: readonly SyntaxNode[], labels?: ErrorRegion[]): ErrorRegion[] {
  const out: ErrorRegion[] = [];
  const visit = (n: SyntaxNode): void => {
    // Asked first: an ERROR node and a MISSING one have errors too, and most nodes visited (the
    // children of a node with errors) have none, each asked one question through the binding, not three.
    if (!n.hasError) return;
    if (n.type === 'ERROR') {
      out.push({ start: n.startIndex, end: n.endIndex });
      return;
    }
    if (n.isMissing) {
      const region = { start: n.startIndex, end: n.endIndex, missing: n.type };
      if (!labelAtBlockEnd(n)) out.push(region);
      else labels?.push(region);
      return;
    }
    // Children go on an explicit stack, last first: a recursive walk overflows the JS stack on
    // deeply nested input (thousands of parentheses; found by the fuzz harness). Only those with
    // errors are made into nodes (./parser.ts `childrenWithErrors`: a made node stays cached and
    // slows every later edit of the tree).
    const withErrors = childrenWithErrors(n);
    if (withErrors) for (let i = withErrors.length - 1; i >= 0; i--) stack.push(n.child(withErrors[i]) as SyntaxNode);
    else {
      const cs = n.children;
      for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
    }
  };
  const stack: SyntaxNode[] = [];
  for (const node of nodes) {
    stack.push(node);
    while (stack.length) visit(stack.pop() as SyntaxNode);
  }
  return out;
}

/** The syntax-error regions of a tree and its MISSING nodes that are no error (`errorRegions`' labels). */
export interface FirstErrors {
  regions: readonly ErrorRegion[];
  labels: readonly ErrorRegion[];
}

/**
 * The syntax-error regions (and labels) of `tree`, parsed incrementally from `old` (which
 * `changes` edited), from those of `old` (`before`, in order): the regions of the top-level items
 * (`items`, of `tree`) that a change or tree-sitter's changed ranges touch, with a neighbour on
 * each side, are read again; elsewhere they are `before`'s, moved by the changes. An item nothing
 * touched is the same subtree in both trees (every character of it has the same ancestors), so it
 * has the same errors. Undefined when a region of `before` cannot be placed for sure (one of no
 * width at the end of a window, or one across it): the caller walks the whole tree.
 */
export function errorsAfterEdit(
  old: Tree,
  tree: Tree,
  changes: readonly TextChange[],
  before: FirstErrors,
  items: TopLevelItems,
): { regions: ErrorRegion[]; labels: ErrorRegion[] } | undefined {
  const windows = touchedItems(old, tree, changes, items);
  if (!windows) return undefined;
  const regions = regionsOutside(before.regions, changes, windows);
  const labels = regionsOutside(before.labels, changes, windows);
  if (!regions || !labels) return undefined;
  const root = tree.rootNode;
  const again: SyntaxNode[] = [];
  for (const w of windows) for (let k = w.from; k <= w.to; k++) again.push(root.child(k) as SyntaxNode);
  const readLabels: ErrorRegion[] = [];
  const read = errorRegions(again, readLabels);
  return { regions: mergedRegions(regions, read), labels: mergedRegions(labels, readLabels) };
}

/**
 * The regions of `before` (in order) outside the `windows` (of the new text: whole top-level
 * items, ./incremental.ts `touchedItems`), moved by `changes`; undefined when one cannot be placed
 * for sure: of no width at a window's end (it may belong to the item on either side), across a
 * window's end, or touching a change yet outside every window. What is read again in the windows
 * goes with them through `mergedRegions`.
 */
export function regionsOutside(
  before: readonly ErrorRegion[],
  changes: readonly TextChange[],
  windows: ReadonlyArray<{ start: number; end: number }>,
): ErrorRegion[] | undefined {
  const kept: ErrorRegion[] = [];
  let c = 0;
  let delta = 0;
  let w = 0;
  for (const r of before) {
    for (; c < changes.length && changes[c].oldEnd <= r.start; c++)
      delta += changes[c].newEnd - changes[c].newStart - (changes[c].oldEnd - changes[c].oldStart);
    const touched = c < changes.length && changes[c].oldStart <= r.end;
    const at = { ...r, start: r.start + delta, end: r.end + delta };
    const zero = at.start === at.end;
    // The first window that does not end before the region (a region of no width at its end is in it).
    while (w < windows.length && (zero ? windows[w].end < at.start : windows[w].end <= at.start)) w++;
    const win = windows[w];
    if (win && zero && (at.start === win.start || at.start === win.end)) return undefined;
    if (win && at.start >= win.start && at.end <= win.end) continue;
    if (win && (zero ? at.end >= win.start : at.end > win.start)) return undefined;
    if (touched) return undefined;
    kept.push(at);
  }
  return kept;
}

/** Two lists of regions in order, of different items, merged by start. */
export function mergedRegions(a: readonly ErrorRegion[], b: readonly ErrorRegion[]): ErrorRegion[] {
  const out: ErrorRegion[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length)
    out.push(j >= b.length || (i < a.length && a[i].start <= b[j].start) ? a[i++] : b[j++]);
  return out;
}

/** One XP007 warning per region of `regions` (of `file`, line index `lines`), and the characters in ERROR nodes. */
export function regionDiagnostics(
  regions: readonly ErrorRegion[],
  lines: LineIndex,
  file: string,
): { diagnostics: Diagnostic[]; errorChars: number } {
  let errorChars = 0;
  const diagnostics = regions.map((r) => {
    const p = lines.position(r.start);
    if (r.missing !== undefined)
      return diag('XP007', `missing '${r.missing}' inserted by the parser`, { location: { file, ...p } });
    errorChars += r.end - r.start;
    const end = lines.position(r.end);
    return diag('XP007', `syntax error region (lines ${p.line}-${end.line}); rules do not match inside it`, {
      location: { file, ...p },
    });
  });
  return { diagnostics, errorChars };
}

/**
 * A label right before a closing brace (`out: }`, valid C23 and accepted by GCC): tree-sitter-c
 * gives the label an empty statement with a MISSING `;`. The tree is otherwise right, so this is
 * not counted as a syntax-error region.
 */
function labelAtBlockEnd(n: SyntaxNode): boolean {
  const stmt = n.parent;
  const label = stmt?.parent;
  if (
    n.type !== ';' ||
    stmt?.type !== 'expression_statement' ||
    stmt.startIndex !== stmt.endIndex ||
    label?.type !== 'labeled_statement'
  )
    return false;
  const next = label.nextSibling;
  return next?.type === '}' && label.parent?.type === 'compound_statement';
}

/**
 * True when the text is not C: nothing parsed as a C item, or over half of it sits in ERROR nodes
 * and nothing in it is an #include, a #define or a function definition.
 */
export function looksLikeNonC(src: ParsedSource): boolean {
  if (!/\S/.test(src.text)) return false;
  const items = cItems(src.tree);
  if (!items.any) return true;
  // A file with #include, #define or a function definition is C even when a parse error
  // swallows most of it (a macro tree-sitter cannot follow): prose has none of these.
  if (items.strong) return false;
  return mostlyUnparsed(src);
}

/** True when over half of the text sits in ERROR nodes. */
export function mostlyUnparsed(src: ParsedSource): boolean {
  return src.errorChars / Math.max(1, src.text.length) > 0.5;
}

const STRONG_C = new Set(['preproc_include', 'preproc_def', 'preproc_function_def', 'function_definition']);

/**
 * Whether some top-level node is a C item (named, not ERROR, not a comment), and whether one is
 * strong evidence of C. Walks the root's children with a cursor: `rootNode.namedChildren` built a
 * JavaScript node for every item of the file (some 20 ms in a cold process).
 */
function cItems(tree: Tree): { any: boolean; strong: boolean } {
  const c = tree.walk();
  let any = false;
  if (!c.gotoFirstChild()) return { any, strong: false };
  do {
    if (c.nodeIsNamed && c.nodeType !== 'ERROR' && c.nodeType !== 'comment') {
      any = true;
      if (STRONG_C.has(c.nodeType)) return { any, strong: true };
    }
  } while (c.gotoNextSibling());
  return { any, strong: false };
}
