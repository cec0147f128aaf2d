/**
 * Edits as plain data: collected from every rule first (`PlannedEdit`), put through the passes
 * (passes.ts), applied late in one place (`Edit`, apply.ts), as ESLint's fixes and ast-grep's Edit.
 */
import type { Bindings } from '../match/structural';
import type { CommentPlacement } from './rule';

/** Where a zero-width insertion goes among others at the same offset (lower first). */
export enum Slot {
  /** `#endif` closing a region that ends here. */
  RegionEnd = 0,
  /** Text inserted after the item that ends here. */
  After = 1,
  /** Text inserted before the item that starts here. */
  Before = 2,
  /** `#if 0` opening a region that starts here. */
  RegionStart = 3,
}

/**
 * One change to the input text, as the applier (apply.ts) takes it: replace `[start, end)` with
 * `text` (an insertion when start === end), or with the text of the Xen-owned block `block` (then
 * `text` is its placeholder line). `ruleId` names the rule that made it, for the report and the
 * provenance.
 */
export interface Edit {
  start: number;
  end: number;
  text: string;
  ruleId: string;
  block?: string;
}

/**
 * An edit as a kind's builder makes it: an `Edit`, plus what the passes before applying read
 * (passes.ts). Only `orderEdits` turns planned edits into edits.
 */
export interface PlannedEdit extends Edit {
  /** The rule's place among the rules at one offset and slot (src/rules/order.ts). */
  order: number;
  slot: Slot;
  /** Blank-line pass: a whole-line deletion that may take one adjacent blank line with it. */
  collapse?: boolean;
  /** Nesting pass: a deletion; edits of other rules strictly inside its range are dropped, not reported as overlaps. */
  drops?: boolean;
  /**
   * Nesting pass: a template edit, the template and the source ranges its metavariables copy. Edits
   * of other rules inside a copied range are applied to the copy (nested rewrites such as `f(g())`).
   */
  template?: TemplateInfo;
  /** Reason pass: where in `text` the rule's reason may go (reason.ts); gone after that pass. */
  reasons?: ReasonSite[];
  /**
   * Overrides pass: the match (or merged region) of its rule this edit belongs to; the edits of one
   * group, its reason comment included, are dropped together when another rule overrides one of them.
   */
  group?: number;
}

/** A place in a planned edit's text where the rule's reason goes if the rule places it there. */
export interface ReasonSite {
  /** Index in the edit's text. */
  at: number;
  placement: CommentPlacement;
  /** The indentation of the reason's further lines (for `in-comment`: what starts the comment's closing line). */
  indent: string;
}

/** How a template edit's text was made, so it can be made again with nested edits applied. */
export interface TemplateInfo {
  body: string;
  indent: string;
  captures: Bindings;
}

/** A region wrapped in `#if 0 ... #endif`; other rules' edits strictly inside are not applied. */
export interface Region {
  start: number;
  end: number;
  ruleId: string;
  order: number;
}

/** The one order of edits: by position, zero-width inserts by slot, then rule order. */
export function compareEdits(a: PlannedEdit, b: PlannedEdit): number {
  return a.start - b.start || a.end - b.end || a.slot - b.slot || a.order - b.order;
}

/**
 * A copy of `e` with `changes` (what `{ ...e, ...changes }` makes). Built with `Object.assign`, not
 * spread syntax: V8 (Node 20) gives each object made by spreading and then adding a property a hidden
 * class of its own, so thousands of edits had thousands of classes, and every pass reading them
 * (and the `group` store of the builders) went through V8's slowest property lookups.
 */
export function withChanges<T extends object>(e: T, changes: Partial<T>): T {
  return Object.assign({}, e, changes);
}
