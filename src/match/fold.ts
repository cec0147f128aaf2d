/**
 * Which function bodies a port must copy out of the native tree. Copying the tree node by node is
 * the costliest part of matching, and most function bodies of a driver hold no match of any rule.
 * A body is left folded (copied as a leaf) when no rule of the set can need it, as each rule's
 * `need.body` says (derived once from its selector and scope, rules/language/need.ts):
 * - words the function must hold (a pattern, a comment line, an include, labels, macros, fields);
 * - definitions of functions or structs of some names (whole items selected by name need no body,
 *   unless one is defined inside it; a scope);
 * - the bodies of scope functions (their name is in their header);
 * - a raw query, run first: the bodies holding its captures.
 * A `types:` lookup also needs the bodies that define a struct. A rule without `need.body` (a
 * pattern without identifiers outside any scope, a selector that declares no need) needs every body.
 */
import type { ParsedSource, Tree } from '../parse';
import type { MatchRule as Rule } from './rule';
import type { BodyNeed } from './need';
import { prefetchTreeQueries, treeQueryMatches } from './query';
import { compileGlob } from './glob';
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
  const base = src.file.replace(/^.*[\\/]/, '');
  const applying = rules.filter((r) => !r.files || r.files.some((g) => compileGlob(g).test(base)));
  const words: WordNeed[] = [];
  const positions: Array<readonly number[]> = [];
  const defs = new Set<string>();
  // Functions named in a scope: their own body is needed (the name is in its header).
  const headers: string[] = [];
  const needs = applying.map((r) => r.need.body);
  if (needs.some((n) => !n)) return undefined;
  prefetchTreeQueries(
    src.tree,
    needs.flatMap((n) => n?.query ?? []),
  );
  for (const n of needs as BodyNeed[]) {
    words.push(...n.words);
    for (const d of n.defs) {
      const key = `${d.kind} ${d.name}`;
      if (!defs.has(key)) positions.push(definitions(src.masked, index, d.kind, d.name));
      defs.add(key);
    }
    headers.push(...n.scopes.filter((name) => !headers.includes(name)));
    if (n.query) positions.push(captureStarts(src.tree, n.query));
  }
  if (applying.some((r) => r.types?.length))
    positions.push([...src.masked.matchAll(LOCAL_STRUCT)].map((m) => m.index as number));
  return (start, end, bodyStart) =>
    headers.some((name) => index.has(name, start, bodyStart)) ||
    words.some((n) => index.satisfies(n, start, end)) ||
    positions.some((p) => within(p, 0, bodyStart, end - 1));
}
