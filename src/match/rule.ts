/**
 * What the match stage reads of a compiled rule: its selector, scope, expected count, veto, type
 * bindings, file globs and needs. The rules stage compiles these (src/rules/types.ts extends them
 * with what the edit stage reads); the match stage never imports the rules stage.
 */
import type { Location } from '../diagnostics';
import type { RuleNeed } from './need';
import type { CompiledPattern } from './pattern';
import type { Selector } from './selectors';
import type { Transform } from './transform';
import type { TypeBinding } from './types';

/** How many matches a rule expects; `max` is Infinity for "at least". */
export interface Expectation {
  min: number;
  max: number;
  /** The text the user wrote (`1`, `">=1"`, `"2..3"`), for messages. */
  text: string;
}

export type { NamedKind, Selector } from './selectors';

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
