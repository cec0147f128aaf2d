/**
 * The blank-line pass (the first of passes.ts): tidying after whole-line deletions. Deletions of
 * several rules may touch (a label and the statement after it), so the check runs on the union of
 * touching deletions, not per rule: one blank line is removed when the deletion leaves two blank
 * lines in a row, or a blank line before a closing `}` or the end of the file.
 */
import { blankLineAt, lineText, nextLineStart, prevLineStart } from './layout';
import { PlannedEdit, withChanges } from './types';

/** True when `[start, end)` holds only whole blank lines (and is not empty). */
function onlyBlankLines(text: string, start: number, end: number): boolean {
  return end > start && /^(?:[ \t]*\n)+$/.test(text.slice(start, end));
}

/**
 * `edits` with chains of touching `collapse` deletions extended so they do not leave a doubled
 * blank line (the extended deletions are copies; the input is not changed).
 */
export function collapseBlankLines(edits: readonly PlannedEdit[], text: string): PlannedEdit[] {
  const copies = new Map<PlannedEdit, PlannedEdit>(
    edits.filter((x) => x.collapse && x.end > x.start).map((x) => [x, withChanges(x, {})]),
  );
  // Outer deletions first; one inside another is dropped with its text (nest.ts) and neither ends
  // nor joins a chain, so the result does not depend on the order the rules came in.
  const dels: PlannedEdit[] = [];
  for (const e of [...copies.values()].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (e.end > (dels[dels.length - 1]?.end ?? -1)) dels.push(e);
  }
  for (let i = 0; i < dels.length;) {
    let j = i;
    while (
      j + 1 < dels.length &&
      (dels[j + 1].start === dels[j].end || onlyBlankLines(text, dels[j].end, dels[j + 1].start))
    ) {
      // Deletions separated only by blank lines join, and the blank lines between them go too.
      dels[j].end = dels[j + 1].start;
      j++;
    }
    const first = dels[i];
    const last = dels[j];
    const prev = prevLineStart(text, first.start);
    // A blank line above that the previous chain already took is gone, not doubled.
    const taken = i > 0 && dels[i - 1].end > prev;
    if (prev >= 0 && blankLineAt(text, prev) && !taken) {
      if (blankLineAt(text, last.end)) last.end = nextLineStart(text, last.end);
      else if (last.end >= text.length || /^\s*\}/.test(lineText(text, last.end))) first.start = prev;
    }
    i = j + 1;
  }
  return edits.map((e) => copies.get(e) ?? e);
}
