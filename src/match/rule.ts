/**
 * What the match stage reads of a compiled rule: its selector, scope, expected count, veto, type
 * bindings, file globs and needs. The rules stage compiles these (src/rules/types.ts extends them
 * with what the edit stage reads); the match stage never imports the rules stage.
 */
import type { Location } from '../diagnostics';
import type { RuleNeed } from './need';
import type { CompiledPattern } from './pattern';
import type { Transform } from './transform';
import type { TypeBinding } from './types';

/** How many matches a rule expects; `max` is Infinity for "at least". */
export interface Expectation {
  min: number;
  max: number;
  /** The text the user wrote (`1`, `">=1"`, `"2..3"`), for messages. */
  text: string;
}

/** Named items a rule can select or anchor on. */
export type NamedKind = 'function' | 'struct' | 'declaration' | 'macro' | 'call' | 'field' | 'label' | 'signature';

/**
 * What a rule selects (the text it changes) or, for `insert`, the anchor it inserts next to.
 * Exactly one per rule.
 */
export type Selector =
  /** A C fragment with metavariables, matched structurally. */
  | { type: 'pattern'; pattern: CompiledPattern }
  /** A raw tree-sitter query; the `@target` capture is the match, other captures are metavariables. */
  | { type: 'query'; source: string }
  /** Named items; every name must match (each missing name is drift). */
  | { type: 'named'; kind: NamedKind; names: string[] }
  /** Named items of several kinds as one selection (`items:`); every name must match. */
  | { type: 'items'; items: Array<{ kind: NamedKind; names: string[] }> }
  /** `#include` lines whose path matches one of the globs (`linux/*`, `asm/pgalloc.h`). */
  | { type: 'include'; globs: string[] }
  /** The line inside a comment that contains `text`. */
  | { type: 'comment-line'; text: string }
  /** The start or the end of the file. */
  | { type: 'file'; where: 'start' | 'end' };

/** Where a rule may match. An empty scope is the whole file. */
export interface Scope {
  functions: string[];
  structs: string[];
}

/** The fields of a compiled rule that matching reads. */
export interface MatchRule {
  id: string;
  expect: Expectation;
  scope: Scope;
  select: Selector;
  /** What the rule needs from a file (words, bodies), derived once from its selector and scope. */
  need: RuleNeed;
  /** Where the rule was written, for drift messages. */
  origin: Location;
  /** Metavariables bound to declared types (`types: { T: "*$P" }`: `$T` is the type of `*$P`). */
  types?: TypeBinding[];
  /** Derived metavariables (`transform:`), in the order they are computed (after `types`). */
  transforms?: Transform[];
  /** A pattern that vetoes a match: matched text that this pattern also matches is left alone. */
  unless?: CompiledPattern;
  /** Globs on the input file's base name (`*.h`); the rule is skipped for other files. Absent: every file. */
  files?: string[];
}
