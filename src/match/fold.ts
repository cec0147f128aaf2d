/**
 * Which function bodies a port must copy out of the native tree. Copying the tree node by node is
 * the costliest part of matching, and most function bodies of a driver hold no match of any rule.
 * A body is left folded (copied as a leaf) when no rule of the set can need it, as each rule's
 * `need.body` says (derived once from its selector and scope, rules/language/need.ts):
 * - words the function must hold (a pattern, a comment line, an include, labels, macros, fields);
 * - definitions of functions or structs of some names (whole items selected by name need no body,
 *   unless one is defined inside it; a scope);
 * - the bodies of scope functions (their name is in their header);
 * - a raw query, run first: the bodies holding its captures; a query that runs in JavaScript over
 *   the flat tree (./query-flat.ts) cannot run first: the bodies whose text passes its text test.
 * A `types:` lookup also needs the bodies that define a struct. A rule without `need.body` (a
 * pattern without identifiers outside any scope, a selector that declares no need) needs every body.
 */
import type { ParsedSource, Tree } from '../parse';
import type { MatchRule as Rule } from './rule';
import type { BodyNeed } from './need';
import { prefetchTreeQueries, runsInJs, treeQueryMatches } from './query';
import { flatQueryTextTest } from './query-flat';
import { queryShape } from './query-shape';
import { appliesTo } from './glob';
import { WordIndex, within } from './words';
import type { WordNeed } from './words';

/** A struct or union definition with a body (the `types:` lookup reads field declarations). */
const LOCAL_STRUCT = /\b(?:struct|union)\s+\w+\s*\{/g;

/** Spaces and comments. */
const GAP = String.raw`(?:\s|/\*[\s\S]*?\*/)*`;
/** After a function's name: its parameter list (comments may hold anything) and the opening brace. */
const FUNCTION_REST = new RegExp(String.raw`\s*\((?:[^;{/]|/\*[\s\S]*?\*/|/(?!\*))*\)` + GAP + String.raw`\{`, 'y');
/** After a struct's name: the opening brace. */
const STRUCT_REST = new RegExp(`${GAP}\\{`, 'y');
/** Before a struct's name: `struct` and a gap of at least one space or comment. */
const STRUCT_BEFORE = new RegExp(String.raw`\bstruct(?:\s|/\*[\s\S]*?\*/)+$`);

/**
 * Where something named `name` may be defined: a function definition (`name(...) {`; a call in an
 * `if (name(x)) {` also fits, which only keeps a body more) or a struct definition (`struct name {`).
 * Only the occurrences of the name are tried.
 */
function definitions(text: string, words: WordIndex, kind: 'function' | 'struct', name: string): number[] {
  const out: number[] = [];
  const ident = /[A-Za-z0-9_]/;
  for (const at of words.positions(name)) {
    if (ident.test(text[at - 1] ?? '') || ident.test(text[at + name.length] ?? '')) continue;
    const rest = kind === 'function' ? FUNCTION_REST : STRUCT_REST;
    rest.lastIndex = at + name.length;
    if (!rest.test(text)) continue;
    if (kind === 'struct' && !STRUCT_BEFORE.test(text.slice(Math.max(0, at - 200), at))) continue;
    out.push(at);
  }
  return out;
}

/** Sorted start offsets of every capture of a raw query's matches over the whole tree. */
function captureStarts(tree: Tree, source: string): number[] {
  const out: number[] = [];
  for (const m of treeQueryMatches(tree, source)) for (const c of m.captures) out.push(c.node.startIndex);
  return out.sort((a, b) => a - b);
}

/**
 * The predicate on function definitions (their start and end offsets, and where the body starts):
 * true when some rule of `rules` that applies to the file may need the function's body. Undefined
 * when every body is needed. Raw queries without a scope are run here, in one walk of the native
 * tree (their matches are kept for the match stage). `index` must be a word index of `src.masked`
 * (one kept between ports saves finding the same words again).
 */
export function bodyFilter(
  src: ParsedSource,
  rules: readonly Rule[],
  index = new WordIndex(src.masked),
): ((start: number, end: number, bodyStart: number) => boolean) | undefined {
  return foldFilters(src, rules, index)?.keepBody;
}

/** The parts of a tree a port copies (`flatten`'s options): a function body only when `keepBody` says so. */
export interface FoldFilters {
  keepBody: (start: number, end: number, bodyStart: number) => boolean;
  /** Top-level items to copy (the bodies of those copied are `keepBody`'s); undefined: all of them. */
  keepItem?: (start: number, end: number, type: string) => boolean;
  /** Statements to copy inside the copied bodies; undefined: all of them. */
  keepStatement?: (start: number, end: number) => boolean;
}

/**
 * What of `src`'s tree `rules` can need (undefined: all of it). Function bodies: see `bodyFilter`.
 * In a tree without syntax errors, as in a scan (src/scan/partial.ts), two finer cuts when every
 * rule that applies allows them:
 * - top-level items are copied when they hold the words of some rule's item (`need.itemWords`) or
 *   a definition the body test reads (a named item, a scope); not when a rule has no item words
 *   (its match may span items) or looks types up (it reads declarations anywhere);
 * - inside the copied bodies, statements are copied when they hold the words of some rule whose
 *   match lies inside one statement (`need.oneStatement`), or a definition or capture the body test
 *   reads; only when every other rule needs no body but for the definitions it names (a named
 *   item: a match is a whole item, never a part of a statement).
 * A statement or item not copied stays as a leaf with its type and range, and no rule can match
 * at it or below it (it lacks the words every match holds). Errors are left out of these cuts:
 * a leaf would hide its ERROR and MISSING nodes from the edit stage (src/edit/kinds/replace.ts).
 */
export function foldFilters(
  src: ParsedSource,
  rules: readonly Rule[],
  index = new WordIndex(src.masked),
): FoldFilters | undefined {
  const applying = rules.filter((r) => appliesTo(r.files, src.file));
  const words: WordNeed[] = [];
  const positions: Array<readonly number[]> = [];
  const defs = new Set<string>();
  // Functions named in a scope: their own body is needed (the name is in its header).
  const headers: string[] = [];
  const needs = applying.map((r) => r.need.body);
  if (needs.some((n) => !n)) return undefined;
  prefetchTreeQueries(
    src.tree,
    needs.flatMap((n) => (n?.query && !runsInJs(n.query) ? n.query : [])),
  );
  // Text tests of the queries run in JavaScript: a range that fails every one holds none of their matches.
  const texts: Array<(start: number, end: number) => boolean> = [];
  for (const n of needs as BodyNeed[]) {
    words.push(...n.words);
    for (const d of n.defs) {
      const key = `${d.kind} ${d.name}`;
      if (!defs.has(key)) positions.push(definitions(src.masked, index, d.kind, d.name));
      defs.add(key);
    }
    headers.push(...n.scopes.filter((name) => !headers.includes(name)));
    const shape = n.query === undefined ? undefined : queryShape(n.query);
    if (shape) texts.push(flatQueryTextTest(shape, src.masked));
    else if (n.query) positions.push(captureStarts(src.tree, n.query));
  }
  const typed = applying.some((r) => r.types?.length);
  if (typed) positions.push([...src.masked.matchAll(LOCAL_STRUCT)].map((m) => m.index as number));
  const holdsPosition = (start: number, end: number): boolean =>
    positions.some((p) => within(p, 0, start, end - 1)) || texts.some((t) => t(start, end));
  const keepBody = (start: number, end: number, bodyStart: number): boolean =>
    headers.some((name) => index.has(name, start, bodyStart)) ||
    words.some((n) => index.satisfies(n, start, end)) ||
    holdsPosition(bodyStart, end);
  if (src.tree.rootNode.hasError) return { keepBody };
  return {
    keepBody,
    ...itemFilter(applying, index, typed, holdsPosition),
    ...statementFilter(applying, index, holdsPosition),
  };
}

/** `foldFilters`' cut of top-level items, when every rule allows it. */
function itemFilter(
  rules: readonly Rule[],
  index: WordIndex,
  typed: boolean,
  holdsPosition: (start: number, end: number) => boolean,
): Pick<FoldFilters, 'keepItem'> {
  const needs = rules.map((r) => r.need.itemWords);
  if (typed || needs.some((n) => n === undefined)) return {};
  return {
    keepItem: (start, end) =>
      needs.some((n) => index.satisfies(n as WordNeed, start, end)) || holdsPosition(start, end),
  };
}

/** `foldFilters`' cut of statements, when every rule allows it. */
function statementFilter(
  rules: readonly Rule[],
  index: WordIndex,
  holdsPosition: (start: number, end: number) => boolean,
): Pick<FoldFilters, 'keepStatement'> {
  const namesOnly = (r: Rule): boolean =>
    !!r.need.body && !r.need.body.words.length && !r.need.body.scopes.length && !r.need.body.query;
  if (!rules.every((r) => r.need.oneStatement || namesOnly(r))) return {};
  const needs = rules.filter((r) => r.need.oneStatement).map((r) => r.need.words);
  return {
    keepStatement: (start, end) => needs.some((n) => index.satisfies(n, start, end)) || holdsPosition(start, end),
  };
}
