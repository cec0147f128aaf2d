/** Line helpers for edit builders: whole-line ranges, indentation, blank lines. */

/** Offset of the start of the line holding `off`. */
export function lineStart(text: string, off: number): number {
  return text.lastIndexOf('\n', off - 1) + 1;
}

/** Offset of the newline ending the line holding `off` (or the text length). */
export function lineEnd(text: string, off: number): number {
  const nl = text.indexOf('\n', off);
  return nl < 0 ? text.length : nl;
}

/** Offset just past the newline ending the line holding `off`. */
export function nextLineStart(text: string, off: number): number {
  const nl = text.indexOf('\n', off);
  return nl < 0 ? text.length : nl + 1;
}

/** True when only blanks precede `off` on its line. */
export function startsLine(text: string, off: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, off), off));
}

/** True when only blanks (and a CR) follow `off` on its line. */
export function endsLine(text: string, off: number): boolean {
  return /^[ \t\r]*$/.test(text.slice(off, lineEnd(text, off)));
}

/** The leading blanks of the line holding `off`. */
export function indentAt(text: string, off: number): string {
  const s = lineStart(text, off);
  return /^[ \t]*/.exec(text.slice(s, lineEnd(text, off)))?.[0] ?? '';
}

/**
 * True when only blanks and one trailing block comment follow `off` on its line: the comment of a
 * directive or item (`#endif /* CONFIG_X *\/`) goes with the lines of the item it ends.
 */
function endsLineWithComment(text: string, off: number): boolean {
  return /^[ \t]*\/\*(?:(?!\*\/).)*\*\/[ \t\r]*$/.test(text.slice(off, lineEnd(text, off)));
}

/**
 * The whole lines covering `[start, end)` including the final newline, when the range covers whole
 * lines (a trailing block comment on the last line counts as part of it).
 */
export function wholeLines(text: string, start: number, end: number): { start: number; end: number } | undefined {
  if (!startsLine(text, start) || !(endsLine(text, end) || endsLineWithComment(text, end))) return undefined;
  return { start: lineStart(text, start), end: nextLineStart(text, end) };
}

/** True when the line starting at `off` is empty or blanks only (false at end of text). */
export function blankLineAt(text: string, off: number): boolean {
  if (off >= text.length) return false;
  return /^[ \t\r]*$/.test(text.slice(off, lineEnd(text, off)));
}

/** The line that starts at `off`, without its newline. */
export function lineText(text: string, off: number): string {
  return text.slice(off, lineEnd(text, off));
}

/** Start of the line before the line starting at `off` (or -1 at the top). */
export function prevLineStart(text: string, off: number): number {
  return off === 0 ? -1 : lineStart(text, off - 1);
}

/** A half-open range of the text. */
export interface Range {
  start: number;
  end: number;
}

/**
 * Sort ranges and merge those that overlap, touch, or are separated only by blanks and newlines:
 * items of one rule with just blank lines between them become one deletion, region or run.
 */
export function mergeBlankSeparated(ranges: readonly Range[], text: string): Range[] {
  const out: Range[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && (r.start <= last.end || /^\s*$/.test(text.slice(last.end, r.start))))
      last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
