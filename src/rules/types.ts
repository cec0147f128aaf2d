/**
 * The compiled form of rules: what the loader produces from YAML after validation, and what the
 * matcher and edit builders consume. Nothing here refers to YAML; positions point back into it.
 */
import type { MacroHints } from '../parse';
import type { Location } from '../diagnostics';
import type { KIND_NAMES, PLACEMENTS } from './language/keys';
import type { MatchRule } from '../match/rule';
export type { Expectation, MatchRule, NamedKind, Scope, Selector } from '../match/rule';

/** The kinds of rule (defined in language/kinds.ts). Each has its own edit builder under src/edit/kinds/. */
export type RuleKind = (typeof KIND_NAMES)[number];

/** Where the `/* Xen: reason *\/` comment goes (language/keys.ts says what each placement means). */
export type CommentPlacement = (typeof PLACEMENTS)[number];

/** Layout of multi-line reason comments. */
export type CommentStyle = 'block' | 'compact';

/** Fields common to every rule: what matching reads, and what the edit stage reads. */
export interface RuleBase extends MatchRule {
  kind: RuleKind;
  /** Why Xen changes this; written as a `/* Xen: ... *\/` comment unless `comment` is `none`. */
  reason?: string;
  comment: CommentPlacement;
  commentStyle: CommentStyle;
  /** Positions of individual fields (`pattern`, `with`, ...) for error messages. */
  fieldOrigins: Record<string, Location>;
  /** Index of the rule in the sorted rule set; breaks ties deterministically. */
  order: number;
  /** Ids of rules (typically from an included library) whose edits this rule's edits replace where they overlap. */
  overrides?: string[];
  /** `expected`: edits of this rule inside another rule's deletion or `#if 0` are dropped by design (no XP206). */
  swallowed?: 'expected';
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
  /** An empty line after the opening `#if 0` line (and after a reason placed `inside`). */
  openingBlankLine: boolean;
  /** What the placed reason starts with (`Xen: ` unless the rule says otherwise). */
  reasonPrefix: string;
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
