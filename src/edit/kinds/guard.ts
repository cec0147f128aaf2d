/**
 * `guard`: wrap the selected items in `#ifdef CONFIG_X ... #endif /* CONFIG_X *\/`, one region per
 * rule from the first match to the last, with optional `#else` stubs (a Xen-owned block or a short
 * template). Unlike `#if 0`, guarded code stays live: other rules still edit it. The reason goes
 * above the `#ifdef` line or on it (`comment: above` or `if0`).
 */
import { diag } from '../../diagnostics';
import type { Match } from '../../match';
import type { GuardRule } from '../../rules/types';
import { wholeLines } from '../layout';
import { openingLine, reasonAbove } from '../reason';
import { substitute } from '../template';
import { Slot } from '../types';
import { blockPlaceholder, Built, built, edit, startWithComments, where } from './common';

/** Build the edits of a guard rule. */
export function buildGuard(rule: GuardRule, matches: Match[], text: string, file: string): Built {
  const out = built();
  if (matches.length === 0) return out;
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  const start = rule.withComment && first.nodes.length ? startWithComments(first.nodes[0], text) : first.start;
  const end = Math.max(...sorted.map((m) => m.end));
  const w = wholeLines(text, start, end);
  if (!w) {
    out.diagnostics.push(
      diag('XP205', `#ifdef wraps whole lines; this match shares its lines with other code`, {
        location: where(file, text, first.start),
        ruleId: rule.id,
      }),
    );
    return out;
  }
  out.edits.push(reasonAbove(rule, w.start, ''));
  out.edits.push(openingLine(rule, w.start, `#ifdef ${rule.condition}`, Slot.RegionStart));
  const endif = rule.endComment ? `#endif /* ${rule.condition} */\n` : '#endif\n';
  const lead = w.end === text.length && !text.endsWith('\n') ? '\n' : '';
  if (rule.elseBlock !== undefined) {
    out.edits.push(edit(rule, w.end, w.end, `${lead}#else\n`, Slot.RegionEnd));
    out.edits.push(edit(rule, w.end, w.end, blockPlaceholder(rule.elseBlock), Slot.RegionEnd, rule.elseBlock));
    out.edits.push(edit(rule, w.end, w.end, endif, Slot.RegionEnd));
  } else if (rule.elseText !== undefined) {
    const stub = substitute(rule.elseText, first.captures, text);
    out.edits.push(edit(rule, w.end, w.end, `${lead}#else\n${stub}\n${endif}`, Slot.RegionEnd));
  } else {
    out.edits.push(edit(rule, w.end, w.end, `${lead}${endif}`, Slot.RegionEnd));
  }
  return out;
}
