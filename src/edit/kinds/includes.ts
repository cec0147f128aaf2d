/**
 * `includes`: remove every matching `#include`; the first run they form (blank lines between
 * included) becomes the `add` list, one `#include` per entry.
 *
 * The module of the `includes` kind: its compiled rule type, its keys with their doc text and
 * defaults, its comment placements, tie rank, compile step and edit builder (registry: index.ts).
 */
import type { Match } from '../../match';
import { custom, key } from '../../match/selectors/value';
import type { RuleBase } from '../rule';
import { kindModule } from './kind';
import { lineStart, mergeBlankSeparated, nextLineStart } from '../layout';
import { withSite } from '../reason';
import { Slot } from '../types';
import { Built, built, edit } from './common';

/** Replace the run of `#include` lines matching `select` with the `add` list. */
export interface IncludesRule extends RuleBase {
  kind: 'includes';
  add: string[];
}

const INCLUDES_KEYS = {
  add: key(
    custom<string[]>({
      description:
        'includes: the include lines replacing the run, one #include <...> per entry (entries in double quotes keep them).',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    }),
    'the include lines replacing the run',
  ),
} as const;

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

/** The `includes` kind. */
export const INCLUDES = kindModule<'includes', IncludesRule, typeof INCLUDES_KEYS>({
  name: 'includes',
  doc: 'replace the run of Linux `#include` lines with the `add` list',
  brief: 'replace the Linux include run',
  keys: INCLUDES_KEYS,
  required: ['include', 'add'],
  selectors: ['include'],
  placements: ['above', 'none'],
  defaultComment: 'above',
  tieRank: 1,
  compile: (raw) => ({ kind: 'includes', add: [...(raw.add ?? [])] }),
  build: buildIncludes,
});
