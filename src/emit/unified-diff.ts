/**
 * Unified diffs with 3 lines of context, as `diff -u` prints them, for --check, --diff, golden
 * failures and the diff `xenport watch` prints after each run. The text is jsdiff's
 * `createTwoFilesPatch` without its "Index:" / "====" preamble, byte for byte (checked against it in
 * test/emit/unified-diff.test.ts), with the lines diffed by the project's line diff
 * (src/blocks/line-diff.ts: jsdiff's Myers on the smallest grid, linear for a watch run that
 * changes a few lines, where jsdiff's own diff of a whole output took milliseconds).
 */
import { splitLines } from '../blocks/carry';
import { diffLines } from '../blocks/line-diff';
import type { DiffPart } from '../blocks/line-diff';

/** One hunk: where it starts in each text, how many lines of each it spans, its marked lines. */
interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** The hunks of `parts` with `context` lines around each change (jsdiff's `structuredPatch`). */
function hunksOf(parts: readonly DiffPart[], context: number): Hunk[] {
  const all = [...parts, { value: [], count: 0, added: false, removed: false }];
  const hunks: Hunk[] = [];
  let oldRangeStart = 0;
  let newRangeStart = 0;
  let range: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  const contextLines = (lines: readonly string[]): string[] => lines.map((l) => ` ${l}`);
  for (let i = 0; i < all.length; i++) {
    const part = all[i];
    const lines = part.value;
    if (part.added || part.removed) {
      if (!oldRangeStart) {
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        if (i > 0) {
          range = context > 0 ? contextLines(all[i - 1].value.slice(-context)) : [];
          oldRangeStart -= range.length;
          newRangeStart -= range.length;
        }
      }
      for (const l of lines) range.push((part.added ? '+' : '-') + l);
      if (part.added) newLine += lines.length;
      else oldLine += lines.length;
      continue;
    }
    if (oldRangeStart) {
      if (lines.length <= context * 2 && i < all.length - 2) range.push(...contextLines(lines));
      else {
        const size = Math.min(lines.length, context);
        range.push(...contextLines(lines.slice(0, size)));
        hunks.push({
          ...{ oldStart: oldRangeStart, oldLines: oldLine - oldRangeStart + size },
          ...{ newStart: newRangeStart, newLines: newLine - newRangeStart + size, lines: range },
        });
        oldRangeStart = 0;
        newRangeStart = 0;
        range = [];
      }
    }
    oldLine += lines.length;
    newLine += lines.length;
  }
  return hunks;
}

/** The unified diff from `oldText` to `newText`; empty when they are equal. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const h of hunksOf(diffLines(splitLines(oldText), splitLines(newText)), context)) {
    const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
    const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
    out.push(`@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`);
    for (const l of h.lines) {
      if (l.endsWith('\n')) out.push(l.slice(0, -1));
      else out.push(l, '\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}
