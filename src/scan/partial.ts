/**
 * The match context of a scanned file, built only over the top-level items that can hold a match.
 * Every rule a scan runs needs some words (prefilter.ts); a match of a one-node pattern, a named
 * item or a scope lies inside one top-level item, so an item in which some needed word is absent
 * cannot hold a match of that rule, and its subtree is not copied out of the native tree. Copying
 * the tree costs more than parsing it, and most items of a file that passed the prefilter hold no
 * match. Rules that can match across items (raw queries, statement runs, include runs, comment
 * lines) need the whole tree.
 */
import type { MatchContext } from '../match';
import { flatten } from '../match/flat';
import { indexByNormType } from '../match/structural';
import { WordIndex, WordNeed } from '../match/words';
import { itemSegments } from './segments';
import type { ParsedSource } from '../parse';
import type { Rule } from '../rules/types';
import { needOf } from './prefilter';

/** Words an item must contain for `rule` to match inside it (all of `all`, one of `any`), or undefined: needs every item. */
function itemNeeds(rule: Rule): { all: string[]; any: string[] } | undefined {
  const s = rule.select;
  // A match of several statements or of a line/file anchor may span items: every item is needed.
  if (!(s.type === 'pattern' && s.pattern.nodes.length === 1) && s.type !== 'named') return undefined;
  const scope = [...rule.scope.functions, ...rule.scope.structs];
  // An item inside a scope has the scope's name in it only when there is a single scope name.
  const need = needOf(rule);
  return { all: [...need.all, ...(scope.length === 1 ? scope : [])], any: need.any };
}

/**
 * The predicate on top-level items (range and node type) for `rules`, or undefined when the whole
 * tree is needed. With rules that look types up, every item but a function is kept (an unknown type
 * counts as not a function).
 */
export function itemFilter(text: string, rules: readonly Rule[]): ((start: number, end: number, type?: string) => boolean) | undefined {
  const needs = rules.map(itemNeeds);
  if (needs.some((n) => n === undefined)) return undefined;
  const words = new WordIndex(text);
  // A `types:` lookup reads global declarations and struct definitions, wherever the words are.
  const declarations = rules.some((r) => r.types?.length);
  return (start, end, type) => (declarations && type !== 'function_definition') || needs.some((n) => words.satisfies(n as WordNeed, start, end));
}

/**
 * The parts of a file a scan needs to parse for `rules`: the top-level segments (segments.ts) that
 * hold some rule's words, and for rules with a `types:` lookup every segment that is not a function,
 * adjacent ones joined. Undefined when the whole file must be parsed (a rule
 * that can match across items, or a file the segment lexer cannot follow); empty when no segment
 * can hold a match.
 */
export function candidateRanges(masked: string, rules: readonly Rule[]): Array<{ start: number; end: number }> | undefined {
  const keep = itemFilter(masked, rules);
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

/** The match context of `src` for `rules`, copying only the items that can hold a match. */
export function scanContext(src: ParsedSource, rules: readonly Rule[]): MatchContext {
  const flat = flatten(src.tree, { keepItem: itemFilter(src.masked, rules) });
  // No `full`: a scan reports matches only, so drift hints (the one user of the whole tree) are not needed.
  return { src, flat, byNormType: indexByNormType(flat.all), named: new Map() };
}
