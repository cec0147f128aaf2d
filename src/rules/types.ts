/**
 * The compiled form of rules: what the loader produces from YAML after validation, and what the
 * matcher and edit builders consume. Nothing here refers to YAML; positions point back into it. The
 * fields of each kind are declared by its module (src/edit/kinds/<kind>.ts), those of every rule by
 * src/edit/rule.ts and src/match/rule.ts.
 */
import type { MacroHints } from '../parse';
import type { Location } from '../diagnostics';
import type { Rule } from '../edit/kinds';
export type { Expectation, MatchRule, NamedKind, Scope, Selector } from '../match/rule';

export type {
  DeleteRule,
  DisableRule,
  GuardRule,
  IncludesRule,
  InsertRule,
  ReplaceRule,
  Rule,
  RuleKind,
} from '../edit/kinds';
export type { CommentPlacement, CommentStyle, RuleBase } from '../edit/rule';

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
