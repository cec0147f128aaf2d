/**
 * The edit builder of each rule kind (the kind's keys, defaults and comment placements are defined
 * in src/rules/language/kinds.ts). The mapped type makes a kind without a builder a type error.
 */
import type { Match } from '../../match';
import type { Rule, RuleKind } from '../../rules/types';
import type { Built } from './common';
import { buildDelete } from './delete';
import { buildDisable } from './disable';
import { buildGuard } from './guard';
import { buildIncludes } from './includes';
import { buildInsert } from './insert';
import { buildReplace } from './replace';

/** Builds the edits of one rule of kind `K` from its matches in `text` (of `file`, for messages). */
export type EditBuilder<K extends RuleKind> = (
  rule: Extract<Rule, { kind: K }>,
  matches: Match[],
  text: string,
  file: string,
) => Built;

/** One builder per kind. */
export const EDIT_BUILDERS: { readonly [K in RuleKind]: EditBuilder<K> } = {
  replace: buildReplace,
  delete: buildDelete,
  disable: buildDisable,
  insert: buildInsert,
  includes: buildIncludes,
  guard: buildGuard,
};

/** The edits of one rule. */
export function buildRule(rule: Rule, matches: Match[], text: string, file: string): Built {
  return (EDIT_BUILDERS[rule.kind] as EditBuilder<RuleKind>)(rule as never, matches, text, file);
}
