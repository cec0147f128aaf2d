/**
 * `includes`: remove every matching `#include`; the first run they form (blank lines between
 * included) becomes the `add` list, one `#include` per entry.
 */
import type { Match } from '../../match';
import type { IncludesRule } from '../../rules/types';
import { lineStart, mergeBlankSeparated, nextLineStart } from '../layout';
import { withSite } from '../reason';
import { Slot } from '../types';
import { Built, built, edit } from './common';

/** `xen/lib.h` → `#include <xen/lib.h>`; `"x.h"` and `<x.h>` are kept as written. */
export function includeLine(entry: string): string {
  const e = entry.trim();
  return /^[<"]/.test(e) ? `#include ${e}` : `#include <${e}>`;
}

/** Build the edits of an includes rule. */
export function buildIncludes(rule: IncludesRule, matches: Match[], text: string): Built {
  const out = built();
  const lines = matches.map((m) => ({ start: lineStart(text, m.start), end: nextLineStart(text, m.end) }));
  const runs = mergeBlankSeparated(lines, text);
  runs.forEach((r, i) => {
    // The first run becomes the `add` list, with the reason above it.
    const e = edit(
      rule,
      r.start,
      r.end,
      i === 0 ? rule.add.map((a) => `${includeLine(a)}\n`).join('') : '',
      Slot.After,
    );
    out.edits.push(i === 0 ? withSite(e, 'above', '') : e);
  });
  return out;
}
