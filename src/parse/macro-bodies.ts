/**
 * The bodies of `#define`s, parsed as C. tree-sitter-c keeps a macro's body as one `preproc_arg`
 * token (and a comment inside a multi-line body breaks the whole `#define` into an ERROR), so no
 * rule could match a call inside `#define FREE_RING(r) do { kfree((r)->buf); ... } while (0)`.
 * Each body is parsed on its own, from a text of the same characters where the line splices (`\`
 * before a newline) are spaces and `a##b` pastes read as one identifier (`a__b`), so every
 * character keeps its place: a node's offset in that parse plus `shift` is its offset in the file.
 * A body is read two ways and the one without syntax errors wins: as the statements of a function
 * (`do { } while (0)`, statement lists, expressions, `({ ... })`), then as top-level items (a
 * macro that defines functions). Bodies neither way parses stay with their ERROR nodes, as any
 * other syntax-error region.
 */
import { COMMENT, DIRECTIVE, codeMap, endsDirective } from './code-map';
import { parseC, Tree } from './parser';
import { countBelow } from '../sorted';

/** One `#define` body parsed as C. */
export interface MacroBody {
  /** The body: [start, end) in the file, from its first token to its last (trailing blanks left out). */
  start: number;
  end: number;
  tree: Tree;
  /** Add to the tree's offsets to get the file's. */
  shift: number;
}

/** What the body is put inside when read as statements: offsets in the parse start after it. */
const BEFORE = 'void __xenport_macro(void){';
/** What closes the statements wrapper (on its own line: a `//` comment in the body ends before it). */
const AFTER = '\n;}';

/** A `#define` with its name and, for a function-like macro, its parameter list. */
const DEFINE_HEAD = /#[ \t]*define[ \t]+\w+(?:\([^)\n]*\))?/y;

/** A `#define` body picked to be parsed: its range in the file and the text to parse there. */
export interface PickedBody {
  start: number;
  end: number;
  /** The body with its line splices blanked and its token pastes joined (same length). */
  text: string;
}

/**
 * The `#define` bodies of `text` (the text tree-sitter parsed; `fallback`, of the same length, is
 * read where a `#define` of it was blanked) that `keep` accepts (given a body's range), not yet
 * parsed. With `near` (sorted offsets, such as where a rule's words occur), only the `#define`s
 * whose lines hold one of them are tried: a file has many `#define`s and few hold a rule's word.
 */
export function pickMacroBodies(
  text: string,
  keep: (start: number, end: number) => boolean = () => true,
  fallback?: string,
  near?: readonly number[],
): PickedBody[] {
  const out: PickedBody[] = [];
  let kind: Uint8Array | undefined;
  const source = fallback ?? text;
  for (const hash of near ? definesAround(source, near) : defines(source)) {
    DEFINE_HEAD.lastIndex = hash;
    const head = DEFINE_HEAD.exec(source);
    if (!head) continue;
    // The body up to the first unspliced newline is enough to ask `keep`; the code map (one pass
    // over the file) is read only for a body that is kept: is the `#` code, does a comment go on.
    const rough = bodyRange(source, undefined, hash + head[0].length);
    if (!rough || !keep(rough.start, rough.end)) continue;
    kind ??= codeMap(source);
    if (kind[hash] !== DIRECTIVE) continue;
    const range = bodyRange(source, kind, hash + head[0].length);
    if (!range) continue;
    // The parsed text, unless the conditional pass blanked this `#define` there.
    const from = fallback && text[hash] !== '#' ? fallback : text;
    out.push({ ...range, text: spliced(from.slice(range.start, range.end)) });
  }
  return out;
}

/** The bodies `pickMacroBodies` picks (same arguments), parsed. */
export function macroBodies(
  text: string,
  keep?: (start: number, end: number) => boolean,
  fallback?: string,
  near?: readonly number[],
): MacroBody[] {
  return pickMacroBodies(text, keep, fallback, near).map((b) => parseBody(b.text, b.start));
}

/** Where the `#` of each `#define` of `text` is, in order. */
function* defines(text: string): Generator<number> {
  for (let at = text.indexOf('define'); at >= 0; at = text.indexOf('define', at + 6)) {
    const hash = hashBefore(text, at);
    if (hash >= 0) yield hash;
  }
}

/**
 * The `#` of each `#define` whose lines (spliced by `\`) hold an offset of `near` (sorted), in
 * order, once each: each `#define` that starts a logical line is looked up among the offsets
 * (the file has far fewer `#define`s than a rule's words have occurrences).
 */
function definesAround(text: string, near: readonly number[]): number[] {
  const out: number[] = [];
  for (const hash of defines(text)) {
    // The logical line: from its first line's start (no splice before it) to the newline that ends it.
    const start = text.lastIndexOf('\n', hash - 1) + 1;
    if (start > 0 && !endsDirective(text, start - 1)) continue;
    const name = text.indexOf('define', hash);
    if (/\w/.test(text[name + 6] ?? '')) continue;
    let end = text.indexOf('\n', hash);
    while (end >= 0 && !endsDirective(text, end)) end = text.indexOf('\n', end + 1);
    const i = countBelow(near, start);
    if (i < near.length && near[i] < (end < 0 ? text.length : end)) out.push(hash);
  }
  return out;
}

/** The `#` of a directive whose name starts at `at` (only blanks before it on its line), or -1. */
function hashBefore(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (text[i] !== '#') return -1;
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || text[j] === '\n' ? i : -1;
}

/**
 * The body after a `#define`'s head (ending at `from`): its first to last non-blank character. The
 * directive ends at the first newline that is not spliced, nor inside a comment (with `kind`, the
 * file's code map).
 */
function bodyRange(
  text: string,
  kind: Uint8Array | undefined,
  from: number,
): { start: number; end: number } | undefined {
  let end = from;
  for (; end < text.length; end++) {
    if (text[end] !== '\n') continue;
    if (kind ? kind[end] !== DIRECTIVE && kind[end] !== COMMENT : endsDirective(text, end)) break;
  }
  let start = from;
  while (start < end && isBlank(text, start)) start++;
  while (end > start && isBlank(text, end - 1)) end--;
  return start < end ? { start, end } : undefined;
}

/** A blank of a directive: white space, or the backslash of a line splice. */
function isBlank(text: string, i: number): boolean {
  const c = text[i];
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || (c === '\\' && /^\\\r?\n/.test(text.slice(i, i + 3)));
}

/** `body` with its line splices blanked and its token pastes joined, character for character. */
function spliced(body: string): string {
  return body.replace(/\\(?=\r?\n)/g, ' ').replace(/(\w)[ \t]*##[ \t]*(?=\w)/g, (m) => m.replace(/[ \t#]/g, '_'));
}

/** Parse one body (starting at `start` in the file) as statements, or as top-level items when that fails. */
function parseBody(body: string, start: number): MacroBody {
  const end = start + body.length;
  const asStatements = parseC(BEFORE + body + AFTER);
  if (!asStatements.rootNode.hasError) return { start, end, tree: asStatements, shift: start - BEFORE.length };
  const asItems = parseC(body);
  if (!asItems.rootNode.hasError) return { start, end, tree: asItems, shift: start };
  return { start, end, tree: asStatements, shift: start - BEFORE.length };
}
