/**
 * What a rule-kind module declares: the keys it takes (beyond the common ones) with their schema
 * and doc text, the keys it requires, the schema combinators it adds, the selectors it takes, where
 * its `/* Xen: *\/` comment may go (and the default), its defaults, its rank among kinds at one
 * place, the cross-key checks the schema cannot express, how its own fields compile, and how its
 * edits are built. The registry (index.ts) lists the modules; the rule language (src/rules/language)
 * and the edit dispatch read it.
 */
import type { Match } from '../../match';
import type { JsonSchema, KeyDef, RawOf } from '../../match/selectors/value';
import type { CommentPlacement, RuleBase } from '../rule';
import type { Built } from './common';

/** The keys of a kind, in the order the docs list them. */
export type KindKeys = { readonly [key: string]: KeyDef };

/** A combinator the kind adds to its schema (`allOf`), by definition name. */
export interface Combinator {
  name: string;
  schema: JsonSchema;
  /**
   * The message when the rule `data` fails the combinator's `failed` keyword (`oneOf`, `anyOf`,
   * `not`), and the key it goes at (none: at the rule).
   */
  explain(failed: string, data: unknown): { key?: string; message: string } | undefined;
}

/** Keys of `data` that are in `keys`, in the order they were written. */
export function keysIn(data: unknown, keys: readonly string[]): string[] {
  return Object.keys((data ?? {}) as object).filter((k) => keys.includes(k));
}

/** A problem a kind finds in a schema-valid rule: at which key, and what is wrong. */
export interface KindProblem {
  key: string;
  message: string;
}

/** The fields of a compiled rule that belong to its kind. */
export type KindFields<R> = Omit<R, Exclude<keyof RuleBase, 'kind'>>;

/** One rule kind: `K` its name, `R` its compiled rule, `Keys` its own keys. */
export interface KindModule<K extends string = string, R = RuleBase, Keys extends KindKeys = KindKeys> {
  readonly name: K;
  /** Its line in the docs table of kinds (markdown). */
  readonly doc: string;
  /** What it does in a few words, after its name in the schema's description of `kind:`. */
  readonly brief?: string;
  /** Its own keys (a key several kinds take is one shared definition, keys.ts), in the order the docs list them. */
  readonly keys: Keys;
  /** Its keys whose value is a template (checked against the metavariables the rule binds). */
  readonly templates?: ReadonlyArray<keyof Keys & string>;
  /** Keys it requires besides `id` and `kind`. */
  readonly required?: readonly string[];
  /** Its schema combinators (besides "exactly one selector"). */
  readonly combinators?: readonly Combinator[];
  /** The selectors it takes, when not all those whose `kinds` allow it. */
  readonly selectors?: readonly string[];
  /** Where its reason comment may go (`none` included); `defaultComment` when `comment` is absent. */
  readonly placements: readonly CommentPlacement[];
  readonly defaultComment: CommentPlacement;
  /** Defaults of its keys, for the docs. */
  readonly defaults?: Readonly<Partial<Record<keyof Keys, string | boolean>>>;
  /**
   * Its rank for edits of several rules at one place (one offset and slot, see ../types.ts): lower
   * first. Ranks are distinct; rules of one kind at one place follow where they are written.
   */
  readonly tieRank: number;
  /** Checks across keys that the schema cannot express. */
  check?(raw: RawOf<Keys> & { comment: CommentPlacement; reason?: string }): KindProblem[];
  /** Its own fields of the compiled rule, defaults filled in. */
  compile(raw: RawOf<Keys>): KindFields<R>;
  /** The Xen-owned blocks its edits place (a port's split derives blocks from these). */
  blocksPlaced?(rule: R): ReadonlyArray<string | undefined>;
  /** The edits of one rule of this kind from its matches in `text` (of `file`, for messages). */
  build(rule: R, matches: Match[], text: string, file: string): Built;
}

/** Declares a kind module (checks it against `KindModule`). */
export function kindModule<K extends string, R, Keys extends KindKeys>(
  m: KindModule<K, R, Keys>,
): KindModule<K, R, Keys> {
  return m;
}

/** `{ [k]: v }` when `v` is given, else nothing (optional string fields of a compiled rule). */
export const optional = <T extends string>(k: T, v: string | undefined) =>
  v !== undefined ? ({ [k]: v } as { [P in T]?: string }) : {};
