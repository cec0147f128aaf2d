/**
 * Which function bodies a port must copy out of the native tree. Copying the tree node by node is
 * the costliest part of matching, and most function bodies of a driver hold no match of any rule.
 * A body is left folded (copied as a leaf) when no rule of the set can need it:
 * - a pattern, a comment line, an include or a named selector of things that live in bodies
 *   (labels, macros, fields) needs its words in the function;
 * - a rule that selects whole functions or structs by name needs no body, unless one is defined
 *   inside it;
 * - a scoped rule needs the bodies of its scope functions (their name is in their header);
 * - a raw query is run first, and the bodies holding its captures are needed;
 * - a `types:` lookup needs the bodies that define a struct.
 * A pattern without identifiers outside any scope needs every body.
 */
import type { ParsedSource, Tree } from '../parse';
import type { NamedKind, Rule } from '../rules/types';
import { prefetchTreeQueries, treeQueryMatches } from './query';
import { compileGlob } from './glob';
import { needOf, WordIndex, WordNeed, within } from './words';

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

/** What a function's text must hold for a rule to need its body. */
interface BodyNeed {
  /** Words (any one of the entries satisfied is enough). */
  words: WordNeed[];
  /** Definitions of functions or structs of these names (a named item or a scope). */
  defs: Array<{ kind: 'function' | 'struct'; name: string }>;
  /** Functions whose own body is needed (a scope): the name is in the function's header. */
  scopes: string[];
  /** A raw query without a scope: the bodies holding its captures. */
  query?: string;
}

/** Named kinds that only exist at top level (their matches never need a body). */
const TOP_LEVEL_ONLY = new Set(['declaration', 'call']);

/** What a named selector of `kind` over `names` needs from a body. */
function namedNeed(kind: NamedKind, names: string[], need: BodyNeed): void {
  if (TOP_LEVEL_ONLY.has(kind)) return;
  // A function (or its signature) or a struct is matched as a whole item, from its name, without
  // its body: only a definition nested in a body needs that body.
  if (kind === 'function' || kind === 'signature') need.defs.push(...names.map((name) => ({ kind: 'function' as const, name })));
  else if (kind === 'struct') need.defs.push(...names.map((name) => ({ kind: 'struct' as const, name })));
  else need.words.push({ all: [], any: names });
}

/** What `rule` needs from a function's body, or undefined: every body. */
function bodyNeeds(rule: Rule): BodyNeed | undefined {
  const s = rule.select;
  const need: BodyNeed = { words: [], defs: [], scopes: [] };
  const { functions, structs } = rule.scope;
  if (s.type === 'file') return need;
  // Every match of a scoped rule lies in a function or struct of its scope.
  if (functions.length || structs.length) {
    need.defs.push(...functions.map((name) => ({ kind: 'function' as const, name })), ...structs.map((name) => ({ kind: 'struct' as const, name })));
    need.scopes.push(...functions);
    return need;
  }
  switch (s.type) {
    case 'query':
      need.query = s.source;
      break;
    case 'pattern':
    case 'include':
    case 'comment-line':
      // A pattern without identifiers (`return 0;`) outside any scope can be in any body.
      if (s.type === 'pattern' && !s.pattern.literals.length) return undefined;
      need.words.push(needOf(rule));
      break;
    case 'named':
      namedNeed(s.kind, s.names, need);
      break;
    case 'items':
      for (const i of s.items) namedNeed(i.kind, i.names, need);
      break;
  }
  return need;
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
 * tree (their matches are kept for the match stage).
 */
export function bodyFilter(src: ParsedSource, rules: readonly Rule[]): ((start: number, end: number, bodyStart: number) => boolean) | undefined {
  const base = src.file.replace(/^.*[\\/]/, '');
  const applying = rules.filter((r) => !r.files || r.files.some((g) => compileGlob(g).test(base)));
  const words: WordNeed[] = [];
  const positions: Array<readonly number[]> = [];
  const index = new WordIndex(src.masked);
  const defs = new Set<string>();
  // Functions named in a scope: their own body is needed (the name is in its header).
  const headers: string[] = [];
  const needs = applying.map(bodyNeeds);
  if (needs.some((n) => !n)) return undefined;
  prefetchTreeQueries(src.tree, needs.flatMap((n) => n?.query ?? []));
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
  if (applying.some((r) => r.types?.length)) positions.push([...src.masked.matchAll(LOCAL_STRUCT)].map((m) => m.index as number));
  return (start, end, bodyStart) =>
    headers.some((name) => index.has(name, start, bodyStart)) ||
    words.some((n) => index.satisfies(n, start, end)) ||
    positions.some((p) => within(p, 0, bodyStart, end - 1));
}
