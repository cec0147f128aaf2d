/**
 * `disable`: wrap whole lines in `#if 0 /* Xen: reason *\/ ... #endif`. The comment right above an
 * item goes in with it; items of one rule separated only by blank lines share one region. The
 * layouts of real Xen files: the reason on the `#if 0` line, above it, or as the region's first
 * line after a bare `#if 0` (`comment: inside`); an empty line after the opening (`opening-blank-line`).
 */
import { diag } from '../../diagnostics';
import type { Match } from '../../match';
import type { DisableRule } from '../../rules/types';
import { indentAt, lineStart, mergeBlankSeparated, wholeLines } from '../layout';
import { openingLine, reasonAbove } from '../reason';
import { Slot } from '../types';
import { Built, built, edit, group, startWithComments, where } from './common';

/** Build the edits and regions of a disable rule. */
export function buildDisable(rule: DisableRule, matches: Match[], text: string, file: string): Built {
  const out = built();
  const ranges: Array<{ start: number; end: number }> = [];
  for (const m of matches) {
    const start = rule.withComment && m.nodes.length ? startWithComments(m.nodes[0], text) : m.start;
    const w = wholeLines(text, start, m.end);
    if (!w) {
      out.diagnostics.push(
        diag('XP205', `#if 0 wraps whole lines; this match shares its lines with other code`, {
          location: where(file, text, m.start),
          ruleId: rule.id,
        }),
      );
      continue;
    }
    ranges.push(w);
  }
  const merged = mergeBlankSeparated(ranges, text);
  for (const [i, r] of merged.entries()) {
    const from = out.edits.length;
    const close = r.end === text.length && !text.endsWith('\n') ? '\n#endif\n' : '#endif\n';
    out.edits.push(
      openingLine(rule, r.start, '#if 0', Slot.RegionStart, indentAt(text, r.start), rule.openingBlankLine ? '\n' : ''),
    );
    out.edits.push(edit(rule, r.end, r.end, close, Slot.RegionEnd));
    out.regions.push({ start: r.start, end: r.end, ruleId: rule.id, order: rule.order });
    out.edits.push(reasonAbove(rule, lineStart(text, r.start), ''));
    group(out, from, i);
  }
  return out;
}
