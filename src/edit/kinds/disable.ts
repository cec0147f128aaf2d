/**
 * `disable`: wrap whole lines in `#if 0 /* Xen: reason *\/ ... #endif`. The comment right above an
 * item goes in with it; items of one rule separated only by blank lines share one region.
 */
import { diag } from '../../diagnostics';
import type { Match } from '../../match';
import type { DisableRule } from '../../rules/types';
import { lineStart, wholeLines } from '../layout';
import { renderReason } from '../template';
import { Slot } from '../types';
import { Built, built, commentAbove, edit, where } from './common';

/** Build the edits and regions of a disable rule. */
export function buildDisable(rule: DisableRule, matches: Match[], text: string, file: string): Built {
  const out = built();
  const ranges: Array<{ start: number; end: number }> = [];
  for (const m of matches) {
    let start = m.start;
    if (rule.withComment && m.nodes.length) {
      for (let c = commentAbove(m.nodes[0], text); c; c = commentAbove(c, text)) start = c.start;
    }
    const w = wholeLines(text, start, m.end);
    if (!w) {
      out.diagnostics.push(diag('XP205', `#if 0 wraps whole lines; this match shares its lines with other code`, { location: where(file, text, m.start), ruleId: rule.id }));
      continue;
    }
    ranges.push(w);
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else if (last && /^\s*$/.test(text.slice(last.end, r.start))) last.end = r.end;
    else merged.push({ ...r });
  }
  const open = rule.reason && rule.comment === 'if0' ? `#if 0 ${renderReason(rule.reason, rule.commentStyle, '      ')}\n` : '#if 0\n';
  for (const r of merged) {
    const close = r.end === text.length && !text.endsWith('\n') ? '\n#endif\n' : '#endif\n';
    out.edits.push(edit(rule, r.start, r.start, open, Slot.RegionStart));
    out.edits.push(edit(rule, r.end, r.end, close, Slot.RegionEnd));
    out.regions.push({ start: r.start, end: r.end, ruleId: rule.id, order: rule.order });
    if (rule.reason && rule.comment === 'above') {
      out.edits.push(edit(rule, lineStart(text, r.start), lineStart(text, r.start), `${renderReason(rule.reason, rule.commentStyle, '')}\n`, Slot.Before));
    }
  }
  return out;
}
