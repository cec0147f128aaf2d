/**
 * Whole-item proposals: the top-level items around a hunk (widened by neighbours), the first
 * replaced by a block carried over from the Xen file or deleted and the others deleted. Learning
 * falls back to these when no finer local rule (local.ts) reproduces a difference; adopt uses
 * them for functions Xen rewrote.
 */
import type { LinuxHunk } from './align';
import { itemSelector } from './anchors';
import type { Proposal } from './proposal';
import { itemsKeys } from './structural';
import type { Structure, TopItem } from './structure';

type Candidate = Proposal[];

/**
 * The coarsest candidates for a hunk no finer rule reproduced: the items around it (with up to
 * three neighbours each side) replaced whole, and the Linux lines [first, last] those items take.
 */
export function coarseCandidates(
  s: Structure,
  h: LinuxHunk,
  tag: string,
): Array<{ lines: [number, number]; cand: Candidate }> {
  const out: Array<{ lines: [number, number]; cand: Candidate }> = [];
  const a = h.a === h.b ? (h.prev ?? h.next) : h.a;
  const b = h.a === h.b ? (h.next ?? h.prev) : h.b - 1;
  if (a === undefined || b === undefined) return out;
  for (let w = 0; w <= 3; w++) {
    const around = itemsAround(s, a, b, w);
    if (!around) continue;
    const from = `items the Xen file rewrote or moved${w ? `, with ${w} neighbours each side` : ''}: Linux lines ${around[0].first + 1}-${around[around.length - 1].last + 1}`;
    const lines: [number, number] = [around[0].commentFirst, around[around.length - 1].last];
    out.push({ lines, cand: itemsCandidate(s, around, false, tag, from.replace('rewrote or moved', 'deleted')) });
    out.push({ lines, cand: itemsCandidate(s, around, true, tag, from) });
  }
  return out;
}

/** Top-level items (all named) from the one containing line a to the one containing line b. */
export function itemsAround(s: Structure, a: number, b: number, widen = 0): TopItem[] | undefined {
  const real = s.items.filter((it) => it.node.type !== 'comment');
  let i = real.findIndex((it) => it.first <= a && a <= it.last);
  let j = real.findIndex((it) => it.first <= b && b <= it.last);
  if (i < 0 || j < 0) {
    if (!widen) return undefined;
    if (i < 0) i = real.findIndex((it) => it.first > a);
    if (j < 0) j = real.length - 1 - [...real].reverse().findIndex((it) => it.last < b);
    if (i < 0 || j >= real.length || j < i) return undefined;
  }
  i = Math.max(0, i - widen);
  j = Math.min(real.length - 1, j + widen);
  const items = real.slice(i, j + 1);
  return items.length && items.every((it) => itemSelector(it, s)) ? items : undefined;
}

/** The first item replaced by a block (or deleted), the others deleted (unnamed ones by a query). */
export function itemsCandidate(
  s: Structure,
  items: TopItem[],
  withBlock: boolean,
  tag: string,
  from: string,
): Candidate {
  const [head, ...rest] = items;
  const sel = itemSelector(head, s);
  const out: Candidate = [];
  if (withBlock && sel)
    out.push({
      rule: { id: `xen-${tag}`, kind: 'replace', comment: 'none', ...sel.keys, block: '@id', expect: 1 },
      file: 'blocks.yaml',
      from,
      hunks: [],
      general: false,
    });
  const del = withBlock ? rest : items;
  const named = del.filter((it) => it.kind && it.name);
  if (named.length)
    out.push({
      rule: { id: `no-${tag}`, kind: 'delete', comment: 'none', ...itemsKeys(named), expect: named.length },
      file: 'deleted.yaml',
      from,
      hunks: [],
      general: false,
    });
  del
    .filter((it) => !(it.kind && it.name))
    .forEach((it, k) => {
      const q = itemSelector(it, s);
      if (q)
        out.push({
          rule: { id: `no-${tag}-${k + 1}`, kind: 'delete', comment: 'none', ...q.keys, expect: 1 },
          file: 'deleted.yaml',
          from,
          hunks: [],
          general: false,
        });
    });
  return out;
}
