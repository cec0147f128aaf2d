/**
 * What a rule needs from a file, as data: derived once when the rule is compiled
 * (rules/language/need.ts, from its selector's declaration and its scope) and read by every filter
 * that skips work: the scan's prefilter and partial copies, and the port's folding of function
 * bodies. A selector that declares no need gets `NEEDS_EVERYTHING` (fail closed: it runs on the
 * whole tree).
 */
import type { WordNeed } from './words';

/** What a function's text must show for a rule to need its body (a port folds the other bodies). */
export interface BodyNeed {
  /** Words (any one of the entries satisfied is enough). */
  words: WordNeed[];
  /** Definitions of functions or structs of these names (a named item or a scope). */
  defs: Array<{ kind: 'function' | 'struct'; name: string }>;
  /** Functions whose own body is needed (a scope): the name is in the function's header. */
  scopes: string[];
  /** A raw query: the bodies holding its captures. */
  query?: string;
}

/** What a rule needs from a file. */
export interface RuleNeed {
  /** Words a match holds: a text without them holds no match (empty lists: no word is known). */
  words: WordNeed;
  /**
   * Words the top-level item holding a match has (`words` and a single scope name), or undefined
   * when a match may span top-level items (every item is needed).
   */
  itemWords?: WordNeed;
  /** True when a match lies inside one statement and holds no statement (statements without `words` can be skipped). */
  oneStatement: boolean;
  /** What a function body must show to be needed; undefined: every body. */
  body?: BodyNeed;
}

/** The need of a rule whose selector declares none: every word, item, statement and body. */
export const NEEDS_EVERYTHING: RuleNeed = { words: { all: [], any: [] }, oneStatement: false };
