/**
 * Edits as plain data: collected from every rule first, checked for overlaps, applied late in one
 * place (ESLint's fixes, ast-grep's Edit).
 */
import type { Bindings } from '../match/structural';

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

/** One change to the input text: replace `[start, end)` with `text` (an insertion when start === end). */
export interface Edit {
  start: number;
  end: number;
  text: string;
  ruleId: string;
  /** The rule's position in the sorted rule set, for deterministic ordering. */
  order: number;
  slot: Slot;
  /** When set, `text` is a placeholder for the Xen-owned block of this name (whole lines). */
  block?: string;
  /** A whole-line deletion that may take one adjacent blank line with it (see blank-lines.ts). */
  collapse?: boolean;
  /** A deletion: edits of other rules strictly inside its range are dropped, not reported as overlaps. */
  drops?: boolean;
  /**
   * A template edit: the template and the source ranges its metavariables copy. Edits of other rules
   * inside a copied range are applied to the copy (nested rewrites such as `f(g())`).
   */
  template?: TemplateInfo;
  /**
   * The match (or merged region) of its rule this edit belongs to: the edits of one group, its
   * reason comment included, are dropped together when another rule overrides one of them.
   */
  group?: number;
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

/** What the edit builders produce for one rule. */
export interface RuleEdits {
  edits: Edit[];
  regions: Region[];
}

/** The one order of edits: by position, zero-width inserts by slot, then rule order. */
export function compareEdits(a: Edit, b: Edit): number {
  return a.start - b.start || a.end - b.end || a.slot - b.slot || a.order - b.order;
}
