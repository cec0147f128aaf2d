/**
 * What a scan parses and copies of a file that passed the prefilter, built only over the parts that
 * can hold a match. Every rule a scan runs needs some words (prefilter.ts); when its selector says a
 * match lies inside one top-level item (`rule.need.itemWords`: a one-node pattern, a named item), an
 * item in which some needed word is absent cannot hold a match of that rule: it is not parsed
 * (`candidateRanges`, over the segments of segments.ts) and its subtree is not copied (`itemFilter`); inside the
 * items, nor are
 * the statements without the words (`statementFilter`). A `types:` lookup also reads declarations
 * and struct definitions (`typeLookupItems`). Rules that can match across items (raw queries,
 * statement runs, include runs, comment lines) need the whole tree.
 */
import type { MatchContext } from '../match';
import { flatten } from '../match/flat';
import { macroBodyFilter, withMacroBodies } from '../match/macro-graft';
import { selectorModule } from '../match/selectors';
import { indexByNormType } from '../match/structural';
import { WordIndex, within } from '../match/words';
import type { WordNeed } from '../match/words';
import { itemSegments } from './segments';
import type { ParsedSource } from '../parse';
import type { Rule } from '../rules/types';

/** `sizeof(*p)`, `sizeof(**p)`, `sizeof(*(p->q))`: the variable `p` the allocation's type comes from. */
const SIZEOF_ROOT = /\bsizeof\s*\(\s*\*+\s*\(*\s*([A-Za-z_]\w*)/g;
/** A struct or union definition with a body. */
const STRUCT_DEFINITION = /\b(?:struct|union)\s+\w+\s*\{/g;

/**
 * The declarations (not functions) a `types:` lookup of `rules` may read: a match's `$P` is a local,
 * a parameter, a global or a field, so the lookup reads the global that declares `$P`'s variable
 * and struct definitions. When every typed rule takes `$P` from `sizeof(*$P)` in its pattern,
 * that is the items naming a variable found in a `sizeof(*...)` of the file, and the items that
 * define a struct; otherwise every item. Undefined when no rule looks a type up.
 */
function typeLookupItems(
  text: string,
  rules: readonly Rule[],
  words: WordIndex,
): ((start: number, end: number) => boolean) | undefined {
  const typed = rules.filter((r) => r.types?.length);
  if (!typed.length) return undefined;
  const fromSizeof = typed.every((r) => {
    const source = selectorModule(r.select).source?.(r.select);
    return (
      source !== undefined &&
      (r.types ?? []).every((t) => new RegExp(`sizeof\\s*\\(\\s*\\*+\\s*\\$${t.of}\\b`).test(source))
    );
  });
  if (!fromSizeof) return () => true;
  const roots = [...new Set([...text.matchAll(SIZEOF_ROOT)].map((m) => m[1]))];
  const structs = [...text.matchAll(STRUCT_DEFINITION)].map((m) => m.index as number);
  return (start, end) => roots.some((r) => words.has(r, start, end)) || within(structs, 0, start, end - 1);
}

/** What a scan of one file keeps, decided once per file from its masked text and the rules it runs. */
export interface ScanFilters {
  /** Top-level items (range and node type) to parse and copy; undefined: the whole file. */
  keepItem?: (start: number, end: number, type?: string) => boolean;
  /** Statements to copy inside the kept items; undefined: all of them. */
  keepStatement?: (start: number, end: number) => boolean;
}

/** The filters of a scan of `masked` with `rules` (one word index serves them all). */
export function scanFilters(masked: string, rules: readonly Rule[]): ScanFilters {
  const words = new WordIndex(masked);
  return { keepItem: itemFilter(masked, rules, words), keepStatement: statementFilter(masked, rules, words) };
}

/**
 * The predicate on top-level items (range and node type) for `rules`, or undefined when the whole
 * tree is needed: an item holding some rule's words, or, not being a function (an unknown type
 * counts as not a function), one a type lookup may read.
 */
function itemFilter(text: string, rules: readonly Rule[], words: WordIndex): ScanFilters['keepItem'] {
  const needs = rules.map((r) => r.need.itemWords);
  if (needs.some((n) => n === undefined)) return undefined;
  const types = typeLookupItems(text, rules, words);
  return (start, end, type) =>
    needs.some((n) => words.satisfies(n as WordNeed, start, end)) ||
    (types !== undefined && type !== 'function_definition' && types(start, end));
}

/**
 * The parts of a file a scan needs to parse for `rules`: the top-level segments (segments.ts) that
 * `itemFilter` keeps (a segment with a function body counts as a function), adjacent ones joined.
 * Undefined when the whole file must be parsed (a rule that can match across items, or a file the
 * segment lexer cannot follow); empty when no segment can hold a match.
 */
export function candidateRanges(
  masked: string,
  rules: readonly Rule[],
  filters = scanFilters(masked, rules),
): Array<{ start: number; end: number }> | undefined {
  const keep = filters.keepItem;
  const segments = keep && itemSegments(masked);
  if (!keep || !segments) return undefined;
  const out: Array<{ start: number; end: number }> = [];
  for (const s of segments) {
    // A segment without a function body may hold the declarations a `types:` lookup reads.
    if (s.cond || !keep(s.start, s.end, s.fn ? 'function_definition' : undefined)) continue;
    const last = out[out.length - 1];
    if (last && last.end === s.start) last.end = s.end;
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/**
 * The predicate on statements for `rules`, or undefined when every statement is needed: when every
 * rule is a one-node pattern with no statement inside it, a match lies inside the statements that
 * hold its words (and a statement's declarations are in scope only inside it, so a type lookup
 * never reads a statement that does not hold the match).
 */
export function statementFilter(
  text: string,
  rules: readonly Rule[],
  words = new WordIndex(text),
): ScanFilters['keepStatement'] {
  if (!rules.every((r) => r.need.oneStatement)) return undefined;
  const needs = rules.map((r) => r.need.words);
  return (start, end) => needs.some((n) => words.satisfies(n, start, end));
}

/** The match context of `src` for `rules`, copying only the items and statements that can hold a match. */
export function scanContext(
  src: ParsedSource,
  rules: readonly Rule[],
  filters = scanFilters(src.masked, rules),
): MatchContext {
  const flat = flatten(src.tree, filters);
  const macroFilter = macroBodyFilter(src.masked, rules, undefined, src.tree);
  const own = indexByNormType(flat.all);
  const byNormType = macroFilter ? withMacroBodies(flat, src, macroFilter, own) : own;
  // No `full`: a scan reports matches only, so drift hints (the one user of the whole tree) are not needed.
  return { src, flat, byNormType, named: new Map() };
}
