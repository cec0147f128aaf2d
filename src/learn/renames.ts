/**
 * General call-site rules: a function or macro that Xen calls by another name at every place the
 * Linux file calls it (`kfree(X)` to `xfree(X)` everywhere) becomes one rule with a metavariable.
 */
import type { Alignment } from './align';
import type { Proposal } from './proposal';
import type { Structure } from './structure';

/** Rename rules found in one-line changes (filled in by the rename pass). */
export function proposeRenames(s: Structure, al: Alignment): Proposal[] {
  void s;
  void al;
  return [];
}
