/**
 * The compiled form of rules: what the loader produces from YAML after validation, and what the
 * matcher and edit builders consume. Nothing here refers to YAML; positions point back into it.
 */
import type { MacroHints } from '../parse';
import type { Location } from '../diagnostics';
import type { CompiledPattern } from '../match/pattern';
import type { TypeBinding } from '../match/types';

/** The kinds of rule. Each has its own edit builder under src/edit/kinds/. */
export type RuleKind = 'replace' | 'delete' | 'disable' | 'insert' | 'includes' | 'guard';

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

/** Where the `/* Xen: reason *\/` comment goes. */
export type CommentPlacement =
  /** On the `#if 0` line (default for disable). */
  | 'if0'
  /** On its own line(s) above the changed statement or inserted text (default otherwise). */
  | 'above'
  /** At the end of the changed line. */
  | 'end-of-line'
  /** As a new line inside the comment just above the changed statement. */
  | 'in-comment'
  /** Nowhere: the reason is documentation only. */
  | 'none';

/** Layout of multi-line reason comments. */
export type CommentStyle = 'block' | 'compact';

/** Fields common to every rule. */
export interface RuleBase {
  id: string;
  kind: RuleKind;
  /** Why Xen changes this; written as a `/* Xen: ... *\/` comment unless `comment` is `none`. */
  reason?: string;
  comment: CommentPlacement;
  commentStyle: CommentStyle;
  expect: Expectation;
  scope: Scope;
  select: Selector;
  /** Where the rule was written, for drift and overlap messages. */
  origin: Location;
  /** Positions of individual fields (`pattern`, `with`, ...) for error messages. */
  fieldOrigins: Record<string, Location>;
  /** Index of the rule in the sorted rule set; breaks ties deterministically. */
  order: number;
  /** Metavariables bound to declared types (`types: { T: "*$P" }`: `$T` is the type of `*$P`). */
  types?: TypeBinding[];
  /** Ids of rules (typically from an included library) whose edits this rule's edits replace where they overlap. */
  overrides?: string[];
  /** A pattern that vetoes a match: matched text that this pattern also matches is left alone. */
  unless?: CompiledPattern;
  /** Globs on the input file's base name (`*.h`); the rule is skipped for other files. Absent: every file. */
  files?: string[];
}

/** Replace the selected text with a template (metavariables substituted) or a Xen-owned block. */
export interface ReplaceRule extends RuleBase {
  kind: 'replace';
  with?: string;
  block?: string;
}

/** Delete the selected text (whole lines when it covers whole lines). */
export interface DeleteRule extends RuleBase {
  kind: 'delete';
  /** `collapse` removes one blank line left doubled by the deletion; `keep` leaves blank lines alone. */
  blankLines: 'collapse' | 'keep';
  /** Also delete the comment directly above each item (default false). */
  withComment: boolean;
}

/** Wrap the selected items in `#if 0 ... #endif`; adjacent items of one rule share one region. */
export interface DisableRule extends RuleBase {
  kind: 'disable';
  /** Also wrap the comment directly above each item (default true for top-level items). */
  withComment: boolean;
}

/** Insert a template or block before or after the anchor. */
export interface InsertRule extends RuleBase {
  kind: 'insert';
  where: 'before' | 'after';
  text?: string;
  block?: string;
  /**
   * Insert `text` once into a Xen-owned block, after the first block line containing `afterLine`,
   * when the selector matches at least once (and the block does not hold the text yet).
   */
  intoBlock?: { block: string; afterLine: string };
}

/** Replace the run of `#include` lines matching `select` with the `add` list. */
export interface IncludesRule extends RuleBase {
  kind: 'includes';
  add: string[];
}

/**
 * Wrap the selected items in `#ifdef <condition> ... #endif`, from the first match to the last (one
 * region per rule), with optional `#else` stubs from a block or template.
 */
export interface GuardRule extends RuleBase {
  kind: 'guard';
  condition: string;
  /** Also take the comment directly above the first item (default true). */
  withComment: boolean;
  elseBlock?: string;
  elseText?: string;
  /** `#endif /* CONDITION *\/` (default) or a bare `#endif`. */
  endComment: boolean;
}

/** Any compiled rule. */
export type Rule = ReplaceRule | DeleteRule | DisableRule | InsertRule | IncludesRule | GuardRule;

/**
 * A block of a port that follows a file split, derived from the existing Xen file of the single file
 * before the split (`split: blocks:` in port.yaml): named items of it, or a carried block without
 * some items.
 */
export interface SplitBlock {
  name: string;
  /** A block carried over by the port before the split; absent: the whole existing Xen file. */
  from?: string;
  /** Items taken, in the order the block has them. */
  items?: string[];
  /** Items that leave the `from` block; the rest is the block. */
  without?: string[];
  /** With `without`: a comment above a leaving item that contains one of these texts stays. */
  keepComments: string[];
  /** Where the entry is written in port.yaml. */
  location: Location;
}

/**
 * The driver's file split (`split:` in port.yaml): a base Linux file from before the split is ported
 * with the port that generated the single Xen file then, and the blocks of this port that did not
 * exist then are derived from that Xen file.
 */
export interface FileSplit {
  /** The port of the single file before the split. */
  before: RuleSet;
  /** Base name of the header the split created. */
  header: string;
  blocks: SplitBlock[];
}

/** A loaded port: its rules sorted by id, and where to look for blocks. */
export interface RuleSet {
  name: string;
  /** The port folder. */
  dir: string;
  rules: Rule[];
  /** Block folders, most specific first (the port's own `blocks/`, then included folders'). */
  blockDirs: string[];
  /** Rule files read, for reports. */
  files: string[];
  /** The file split this port follows, if any. */
  split?: FileSplit;
  /** The kernel macro hints with the port's `macros:` merged over them (absent: the kernel hints). */
  macros?: MacroHints;
  /** `acknowledged-syntax-errors:` of the port's own manifest. */
  acknowledgedSyntaxErrors?: number | string[];
}
