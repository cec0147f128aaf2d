/**
 * Aligning two texts by lines: the hunks of a line diff (Linux lines replaced by Xen lines) and,
 * for every line left equal, the line it corresponds to on the other side. Learning reads every
 * difference between a Linux file and its Xen port from here.
 */
import { splitLines } from '../blocks';
import { diffLines } from '../blocks/line-diff';

/** One difference: lines [a, b) of the old text became lines [xa, xb) of the new (0-based). */
export interface Hunk {
  a: number;
  b: number;
  xa: number;
  xb: number;
}

/** The alignment of an old and a new text by lines. */
export interface Alignment {
  oldLines: string[];
  newLines: string[];
  hunks: Hunk[];
  /** For each old line, the new line it is equal to, or -1 when it changed. */
  toNew: Int32Array;
  /** For each new line, the old line it is equal to, or -1 when it is new. */
  toOld: Int32Array;
}

/** Align `oldText` with `newText` (Myers line diff, as the block carry-over does). */
export function align(oldText: string, newText: string): Alignment {
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const toNew = new Int32Array(oldLines.length).fill(-1);
  const toOld = new Int32Array(newLines.length).fill(-1);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | undefined;
  for (const part of diffLines(oldLines, newLines)) {
    const n = part.value.length;
    if (!part.added && !part.removed) {
      if (open) hunks.push(open);
      open = undefined;
      for (let k = 0; k < n; k++) {
        toNew[i + k] = j + k;
        toOld[j + k] = i + k;
      }
      i += n;
      j += n;
      continue;
    }
    open ??= { a: i, b: i, xa: j, xb: j };
    if (part.removed) i += n;
    else j += n;
    open.b = i;
    open.xb = j;
  }
  if (open) hunks.push(open);
  return { oldLines, newLines, hunks, toNew, toOld };
}

/** Number of lines equal on both sides. */
export function equalLines(al: Alignment): number {
  let n = 0;
  for (const v of al.toNew) if (v >= 0) n++;
  return n;
}

