/**
 * What every compiled rule has, whatever its kind: the fields matching reads (MatchRule) and those
 * the edit stage reads (reason, its placement and layout, order, overrides). Each kind's own fields
 * are declared by its module (src/edit/kinds/<kind>.ts); the rule language (src/rules) compiles
 * rules into these types.
 */
import type { Location } from '../diagnostics';
import type { MatchRule } from '../match/rule';
import type { RuleKind } from './kinds';

/** The placements of the `/* Xen: reason *\/` comment, in the order the docs list them. */
export const PLACEMENTS = ['if0', 'inside', 'above', 'end-of-line', 'in-comment', 'none'] as const;

/** The placements whose reason is a comment of its own lines, laid out by `comment-style`. */
export const STYLED_PLACEMENTS: ReadonlyArray<(typeof PLACEMENTS)[number]> = ['if0', 'inside', 'above'];

/** The text before a placed reason, unless the rule gives its own `reason-prefix`. */
export const REASON_PREFIX = 'Xen: ';

/** Where the `/* Xen: reason *\/` comment goes (src/rules/language/keys.ts says what each placement means). */
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
