/**
 * Where adoption stands: the port's rules plus the rules adopted so far, run on the Linux file and
 * aligned with the Xen file, and the differences left, on Linux lines, grouped by the top-level
 * item they fall in (src/learn/adopt.ts).
 */
import type { Rule } from '../rules/types';
import type { Alignment } from './align';
import { mergeTrivial, residual } from './learn';
import type { LinuxHunk } from './align';
import { itemsAround } from './items';
import type { Run } from './simulate';
import type { Structure, TopItem } from './structure';

/** An item with this many differences, or this share of its lines changed, is taken whole. */
const HEAVY_HUNKS = 3;
const HEAVY_SHARE = 0.3;

/** The port's rules plus the adopted ones, run on the Linux file, aligned with the Xen file. */
export interface State {
  acc: Rule[];
  run: Run;
  /** Linux text to generated text. */
  lg: Alignment;
  /** Generated text to the Xen file. */
  gx: Alignment;
  exact: boolean;
}

/** A residual hunk, and whether its generated lines all come from rules (none from Linux). */
export type AdoptHunk = LinuxHunk & { ruleMade?: boolean; ga?: number; gb?: number };

/**
 * The differences left, on Linux lines: those of `residual` (Linux text the Xen file changed),
 * and runs of generated lines no Linux line makes (text of a rule's template the Xen file
 * changed), placed at the Linux line next to them.
 */
export function hunksOf(st: State): AdoptHunk[] {
  const out: AdoptHunk[] = residual(st.lg, st.gx);
  const toLinux = st.lg.toOld;
  for (const h of mergeTrivial(st.gx.hunks, st.gx.oldLines)) {
    if (h.a === h.b) continue;
    let mapped = false;
    for (let k = h.a; k < h.b && !mapped; k++) mapped = toLinux[k] >= 0;
    if (mapped) continue;
    let p = h.a - 1;
    while (p >= 0 && toLinux[p] < 0) p--;
    let n = h.b;
    while (n < toLinux.length && toLinux[n] < 0) n++;
    const at = p >= 0 ? toLinux[p] : n < toLinux.length ? toLinux[n] : 0;
    out.push({
      a: at,
      b: at,
      xa: h.xa,
      xb: h.xb,
      prev: p >= 0 ? toLinux[p] : undefined,
      next: n < toLinux.length ? toLinux[n] : undefined,
      ruleMade: true,
      ga: h.a,
      gb: h.b,
    });
  }
  return out.sort((x, y) => x.xa - y.xa);
}

/** The current hunk at the Xen lines of `h` (Xen line numbers stay put while rules are added). */
export function hunkAt(st: State, h: LinuxHunk): AdoptHunk | undefined {
  return hunksOf(st).find((x) => x.xa <= h.xb && h.xa <= x.xb);
}

/** True while the Xen lines of `h` still differ from the generated text. */
export function differs(st: State, h: LinuxHunk): boolean {
  return hunkAt(st, h) !== undefined;
}

export interface Group {
  /** The top-level items the hunks fall in (undefined: between items, or not selectable). */
  items?: TopItem[];
  hunks: AdoptHunk[];
  /** Changed in many places, or much of it: taken whole first. */
  heavy: boolean;
}

/** Hunks grouped by the top-level item they fall in, in file order. */
export function groupByItem(s: Structure, hunks: AdoptHunk[]): Group[] {
  const groups: Group[] = [];
  const byItem = new Map<TopItem, Group>();
  for (const h of hunks) {
    const last = Math.max(h.a, h.b - 1);
    const items = h.a === h.b && !h.ruleMade ? undefined : itemsAround(s, h.a, last);
    const key = items?.length === 1 ? items[0] : undefined;
    const g = key ? byItem.get(key) : undefined;
    if (g) {
      g.hunks.push(h);
      continue;
    }
    const ng: Group = { items, hunks: [h], heavy: false };
    if (key) byItem.set(key, ng);
    groups.push(ng);
  }
  for (const g of groups) {
    if (!g.items) continue;
    const size = g.items.reduce((n, it) => n + it.last - it.first + 1, 0);
    const changed = g.hunks.reduce((n, h) => n + Math.max(h.b - h.a, h.xb - h.xa), 0);
    g.heavy = g.hunks.length >= HEAVY_HUNKS || (g.hunks.length > 1 && changed >= HEAVY_SHARE * size);
  }
  return groups;
}
