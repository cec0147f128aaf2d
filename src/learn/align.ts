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

/** The alignment without the equal pairs `keep` refuses (they become differences; hunks rebuilt). */
export function dropPairs(al: Alignment, keep: (oldLine: number, newLine: number) => boolean): Alignment {
  const toNew = al.toNew.slice();
  const toOld = al.toOld.slice();
  let dropped = false;
  for (let o = 0; o < toNew.length; o++) {
    const n = toNew[o];
    if (n >= 0 && !keep(o, n)) {
      toNew[o] = -1;
      toOld[n] = -1;
      dropped = true;
    }
  }
  if (!dropped) return al;
  // Inside each difference left, the lines the line diff can still pair (and `keep` allows).
  for (const h of hunksOf(toNew, toOld)) {
    if (h.a === h.b || h.xa === h.xb) continue;
    let i = h.a;
    let j = h.xa;
    // New lines no old line of the difference may pair with cannot be matched.
    const byText = new Map<string, number[]>();
    for (let o = h.a; o < h.b; o++) byText.set(al.oldLines[o], [...(byText.get(al.oldLines[o]) ?? []), o]);
    const sub = al.newLines
      .slice(h.xa, h.xb)
      .map((t, k) => ((byText.get(t) ?? []).some((o) => keep(o, h.xa + k)) ? t : `\u0001${k}`));
    for (const part of diffLines(al.oldLines.slice(h.a, h.b), sub)) {
      const n = part.value.length;
      if (!part.added && !part.removed) {
        for (let k = 0; k < n; k++) {
          if (keep(i + k, j + k)) {
            toNew[i + k] = j + k;
            toOld[j + k] = i + k;
          }
        }
        i += n;
        j += n;
      } else if (part.removed) i += n;
      else j += n;
    }
  }
  return { ...al, toNew, toOld, hunks: hunksOf(toNew, toOld) };
}

/** The differences of a line pairing. */
function hunksOf(toNew: Int32Array, toOld: Int32Array): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  while (i < toNew.length || j < toOld.length) {
    if (i < toNew.length && j < toOld.length && toNew[i] === j) {
      i++;
      j++;
      continue;
    }
    const h: Hunk = { a: i, b: i, xa: j, xb: j };
    while (i < toNew.length && toNew[i] < 0) i++;
    while (j < toOld.length && toOld[j] < 0) j++;
    h.b = i;
    h.xb = j;
    hunks.push(h);
  }
  return hunks;
}

/**
 * For each line of a C text, the name of the function whose definition holds it (a header at
 * column 0 up to the `}` at column 0), or undefined. A light scan, for texts not parsed.
 */
export function functionOfLines(lines: readonly string[]): Array<string | undefined> {
  const out: Array<string | undefined> = new Array(lines.length).fill(undefined);
  for (let k = 0; k < lines.length; k++) {
    const m = /^[A-Za-z_][^;=]*?\b([A-Za-z_]\w*)\s*\(/.exec(lines[k]);
    if (!m || lines[k].startsWith('#') || /;\s*$/.test(lines[k])) continue;
    let e = k;
    while (e < lines.length && !/^\{/.test(lines[e]) && !/;\s*$/.test(lines[e]) && e < k + 8) e++;
    if (e >= lines.length || !/^\{/.test(lines[e])) continue;
    let end = e;
    while (end < lines.length && !/^\}/.test(lines[end])) end++;
    for (let q = k; q <= end && q < lines.length; q++) out[q] = m[1];
    k = end;
  }
  return out;
}

/** A residual hunk on Linux lines: [a, b) of the Linux file became Xen lines [xa, xb). */
export interface LinuxHunk extends Hunk {
  /** For an insertion (a === b): Linux lines to anchor on, before (`next`) or after (`prev`). */
  next?: number;
  prev?: number;
  atStart?: boolean;
  atEnd?: boolean;
  /** A hunk joined from several across trivial lines: its parts, tried alone when it finds no rule. */
  parts?: LinuxHunk[];
}
