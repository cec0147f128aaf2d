/**
 * `includes`: remove every matching `#include`; the first run they form (blank lines between
 * included) becomes the `add` list, one `#include` per entry.
 */
import type { Match } from '../../match';
import type { IncludesRule } from '../../rules/types';
import { lineStart, mergeBlankSeparated, nextLineStart } from '../layout';
import { reasonLine } from '../reason';
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
    let s = '';
    if (i === 0) {
      s += reasonLine(rule, '');
      s += rule.add.map((a) => `${includeLine(a)}\n`).join('');
    }
    out.edits.push(edit(rule, r.start, r.end, s, Slot.After));
  });
  return out;
}
