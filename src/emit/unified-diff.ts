/** Unified diffs with 3 lines of context, as `diff -u` prints them, for --check, --diff and golden failures. */
import { createTwoFilesPatch } from 'diff';

/** The unified diff from `oldText` to `newText`; empty when they are equal. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  const patch = createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, { context });
  // Drop jsdiff's "Index:" / "====" preamble so the output reads like diff -u.
  return patch
    .replace(/^=+\n/m, '')
    .split('\n')
    .filter((l, i) => !(i === 0 && l.startsWith('Index:')))
    .join('\n');
}
