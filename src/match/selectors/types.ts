/**
 * What a selector module defines. Each selector of the rule language is one module of this folder
 * (a named kind one module of named/): its key with its schema and doc text, the kinds that take
 * it, how its YAML value compiles into a selector, how it finds its matches in a file, and what a
 * match needs from the tree. The registry (index.ts) collects them; the rule language
 * (src/rules/language), the published schema, the docs tables, the compiler and the matching
 * dispatch all read the registry.
 */
import type { Code, Diagnostic } from '../../diagnostics';
import type { BodyNeed } from '../need';
import type { CompiledPattern } from '../pattern';
import type { Match, MatchContext } from '../select';
import type { WordNeed } from '../words';
import type { Value } from './value';

/**
 * What compiling a selector may ask of the rules stage: the rule's id, and its own value checked
 * as a pattern or as a raw query with errors pointing into the YAML (the rules stage knows where).
 */
export interface SelectorInput {
  ruleId: string;
  /** The selector's value compiled as a C pattern (XP105/XP106 at the failing character). */
  pattern(): { pattern?: CompiledPattern; diagnostics: Diagnostic[] };
  /** The selector's value checked as a raw query (XP110): the metavariables it binds. */
  query(): { captures?: string[]; diagnostics: Diagnostic[] };
}

/** A compiled selector with the metavariables it binds, or the errors that stopped it. */
export interface CompiledSelector<S> {
  select?: S;
  bound: string[];
  diagnostics: Diagnostic[];
}

/** What a selector's matches need, before the rule's scope is taken into account (rules/language/need.ts). */
export interface SelectorNeed {
  words: WordNeed;
  /** A match lies inside one top-level item. */
  oneItem: boolean;
  /** A match lies inside one statement and holds no statement. */
  oneStatement: boolean;
  /** What a function body must show to be needed; undefined: every body. */
  body?: BodyNeed;
}

/** Names a selector lists, per named kind: each must be found once (drift names the missing ones). */
export interface NameGroup<K extends string = string> {
  kind: K;
  names: string[];
}

/** Matching cannot take this file (a diagnostic at `offset`); the rule gets no match there. */
export class SelectorRefusal extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** One selector of the rule language: `V` is its YAML value, `S` its compiled form. */
export interface SelectorModule<V = unknown, S extends { type: string } = { type: string }> {
  /** Its key in a rule. */
  readonly key: string;
  readonly value: Value<V>;
  /** Its row in the docs/rules.md table of selectors (markdown). */
  readonly doc: string;
  /** The kinds that take it; absent: every kind. */
  readonly kinds?: readonly string[];
  /** True when a `scope:` cannot apply to it (a file anchor lies in no function). */
  readonly noScope?: boolean;
  /** A selector of named items (`function:`, `struct:`, ...). */
  readonly named?: boolean;
  /** Named selectors that `items:` entries may use. */
  readonly inItems?: boolean;
  /** True when this module compiled `sel` (the matching dispatch asks). */
  owns(sel: { type: string; kind?: string }): boolean;
  compile(value: V, at: SelectorInput): CompiledSelector<S>;
  /**
   * Its matches in document order, before the scope filter. `within` (the scope's ranges) lets it
   * skip work outside them; matches outside may still be returned. May throw SelectorRefusal.
   */
  find(ctx: MatchContext, sel: S, within?: ReadonlyArray<{ start: number; end: number }>): Match[];
  /** What its matches need from the tree; absent: the whole tree (fail closed). */
  need?(sel: S): SelectorNeed;
  /** The names it lists, per named kind (each one expected once). */
  nameGroups?(sel: S): NameGroup[];
  /** Why a match count is short, over the whole tree `ctx` (drift hints). */
  driftHints?(ctx: MatchContext, sel: S): string[];
  /** Its C text, when it has one (a pattern's): a scan reads the `sizeof(*$P)` a `types:` lookup takes `$P` from. */
  source?(sel: S): string;
  /** Why a scan leaves it out (it matches every file), or undefined. */
  everyFile?(sel: S): string | undefined;
}

/** The compiled selector type of a module. */
export type CompiledOf<M> = M extends SelectorModule<infer _V, infer S> ? S : never;

/** Declare a selector module (keeps its value and compiled types). */
export function selector<V, S extends { type: string }>(m: SelectorModule<V, S>): SelectorModule<V, S> {
  return m;
}
