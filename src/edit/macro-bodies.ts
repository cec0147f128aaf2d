/**
 * What a port does with a match inside a `#define` body (src/match/macro-graft.ts). A body is one
 * logical line: every line of it but the last ends with a `\` splice, and it can hold no directive.
 * So only an edit that stays inside the lines it replaces is applied there: a `replace` by a
 * one-line template (`kfree($P)` to `xfree($P)`, the same rewrite as in a function) with no reason
 * comment of its own lines. Every other kind adds or removes lines or directives (`#if 0` around a
 * statement, a `#ifdef` guard, an inserted statement or comment, a deletion, a block): it is not
 * applied there, and XP212 names the match, to be ported by hand.
 */
import { diag } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import type { Match } from '../match';
import { inMacroBody } from '../match/macro-graft';
import type { Rule } from './kinds';
import { where } from './kinds/common';

/** Why `rule` cannot edit inside a `#define` body, or undefined when it can. */
function refusal(rule: Rule): string | undefined {
  if (rule.kind !== 'replace') return `a '${rule.kind}' rule adds or removes lines or directives`;
  if (rule.block !== undefined) return 'a block replaces whole lines';
  if (rule.with?.includes('\n')) return 'its template has several lines';
  if (rule.reason && rule.comment !== 'none')
    return `its reason comment (comment: ${rule.comment}) needs a line of its own`;
  return undefined;
}

/**
 * The matches of `rule` its edits may go to, and XP212 for those inside a `#define` body that its
 * kind cannot edit there.
 */
export function editableMatches(
  rule: Rule,
  matches: Match[],
  text: string,
  file: string,
): { matches: Match[]; diagnostics: Diagnostic[] } {
  const inside = matches.filter((m) => inMacroBody(m.nodes));
  const why = inside.length ? refusal(rule) : undefined;
  if (!why) return { matches, diagnostics: [] };
  return {
    matches: matches.filter((m) => !inside.includes(m)),
    diagnostics: inside.map((m) =>
      diag('XP212', `rule '${rule.id}': match inside a #define body not edited: ${why}`, {
        location: where(file, text, m.start),
        ruleId: rule.id,
      }),
    ),
  };
}
