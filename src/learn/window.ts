/**
 * Judging a trial cheaply: a rule changes the text in a few places, so its effect on the distance
 * to the Xen file is measured on a window around the changed lines (between stable aligned lines),
 * blocks carried over inside the window only. A full line diff of a 3,500-line driver takes about a
 * second; a window, a few milliseconds.
 */
import { carryBlocks, splitLines } from '../blocks';
import { align, Alignment, equalLines } from './align';

/** Lines differing between two texts, blank lines ignored. */
function distance(a: string[], b: string[]): number {
  const al = align(nonBlank(a), nonBlank(b));
  return al.oldLines.length + al.newLines.length - 2 * equalLines(al);
}

function nonBlank(lines: string[]): string {
  return lines.filter((l) => l.trim() !== '').join('');
}

/** The line `steps` aligned lines outward from `from` (exclusive), or the file boundary. */
function anchor(toNew: Int32Array, from: number, dir: 1 | -1, steps: number): number {
  let seen = 0;
  for (let l = from; l >= 0 && l < toNew.length; l += dir) {
    if (toNew[l] >= 0 && ++seen >= steps) return l;
  }
  return dir < 0 ? -1 : toNew.length;
}

/** The windows of base, trial and Xen text around the lines `trial` changes (blocks filled in). */
function windows(base: Alignment, trial: string): { bw: string[]; tw: string[]; xw: string[] } | undefined {
  const B = base.oldLines;
  const X = base.newLines;
  const T = splitLines(trial);
  let k = 0;
  while (k < B.length && k < T.length && B[k] === T[k]) k++;
  let m = 0;
  while (m < B.length - k && m < T.length - k && B[B.length - 1 - m] === T[T.length - 1 - m]) m++;
  if (k === B.length && k === T.length) return undefined;
  const p0 = anchor(base.toNew, k - 1, -1, 3);
  const q0 = anchor(base.toNew, B.length - m, 1, 3);
  const xp = p0 < 0 ? -1 : base.toNew[p0];
  const xq = q0 >= B.length ? X.length : base.toNew[q0];
  const shift = T.length - B.length;
  const bw = B.slice(p0 + 1, q0);
  const xw = X.slice(xp + 1, xq);
  let tw = T.slice(p0 + 1, q0 + shift);
  if (tw.some((l) => l.startsWith('\u0000XENPORT-BLOCK'))) {
    const c = carryBlocks(tw.join(''), xw.join(''));
    if (c.notFound.length) return undefined;
    tw = splitLines(
      tw
        .map((l) => {
          const name = /^\u0000XENPORT-BLOCK (.+)\u0000\n?$/.exec(l)?.[1];
          return name === undefined ? l : (c.blocks.get(name) ?? '');
        })
        .join(''),
    );
  }
  return { bw, tw, xw };
}

/**
 * True when `trial` (the base text with a rule's edits, blocks as placeholder lines) is closer to
 * the Xen file than `base` by exactly the lines it changes: every line it removes was wrong and
 * every line it makes (block text included) is right. `baseToXen` aligns base with the Xen file.
 */
export function changesExactly(base: Alignment, trial: string): boolean {
  const w = windows(base, trial);
  if (!w) return false;
  const changed = distance(w.bw, w.tw);
  return changed > 0 && distance(w.tw, w.xw) === distance(w.bw, w.xw) - changed;
}

/** True when `trial` is closer to the Xen file than `base` (a deletion that removes mostly wrong lines). */
export function improves(base: Alignment, trial: string): boolean {
  const w = windows(base, trial);
  return !!w && distance(w.tw, w.xw) < distance(w.bw, w.xw);
}
