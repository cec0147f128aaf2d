/**
 * The upgrade part of the review page: what the new Linux file changed against --base, what the
 * port's output changed against the --xen file, and which rules, blocks and changes each Linux
 * change touched (their matches or edits fall on the changed lines).
 */
import { diffLines } from '../blocks/line-diff';
import type { NamedText } from '../port';
import { LineIndex } from '../diagnostics';
import type { Row } from './align';
import type { Change, ReviewInput } from './model';

/** One line of a diff hunk: kept, removed (old line) or added (new line). */
export interface DiffRow {
  op: ' ' | '-' | '+';
  old: number;
  new: number;
  text: string;
}

/** A hunk of a line diff, with what the changed lines touch. */
export interface DiffHunk {
  rows: DiffRow[];
  rules: string[];
  blocks: string[];
  /** Changes of the side-by-side view on the changed lines. */
  changes: number[];
}

/** A line diff between two files. */
export interface FileDiff {
  from: string;
  to: string;
  added: number;
  removed: number;
  hunks: DiffHunk[];
}

/** The upgrade views: Linux base to new Linux, existing Xen to new output. */
export interface UpgradeView {
  linux?: FileDiff;
  xen?: FileDiff;
}

/** Lines of a text, without their newlines. */
export function linesOf(text: string): string[] {
  const ls = text.split('\n');
  if (text.endsWith('\n')) ls.pop();
  return ls;
}

/** The hunks of the line diff from `a` to `b`, with `context` unchanged lines around each change. */
export function lineHunks(a: readonly string[], b: readonly string[], context = 3): DiffRow[][] {
  const rows: DiffRow[] = [];
  let o = 0;
  let n = 0;
  for (const part of diffLines(a, b)) {
    for (const text of part.value) {
      if (part.added) rows.push({ op: '+', old: 0, new: ++n, text });
      else if (part.removed) rows.push({ op: '-', old: ++o, new: 0, text });
      else rows.push({ op: ' ', old: ++o, new: ++n, text });
    }
  }
  const hunks: DiffRow[][] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i].op === ' ') {
      i++;
      continue;
    }
    let end = i;
    for (let j = i; j < rows.length && j <= end + 2 * context; j++) if (rows[j].op !== ' ') end = j;
    hunks.push(rows.slice(Math.max(0, i - context), Math.min(rows.length, end + context + 1)));
    i = end + 1;
  }
  return hunks;
}

function fileDiff(from: NamedText, to: NamedText, touched: (rows: DiffRow[]) => Omit<DiffHunk, 'rows'>): FileDiff {
  const hunks = lineHunks(linesOf(from.text), linesOf(to.text)).map((rows) => ({ rows, ...touched(rows) }));
  const count = (op: string): number => hunks.reduce((s, h) => s + h.rows.filter((r) => r.op === op).length, 0);
  return { from: from.file, to: to.file, added: count('+'), removed: count('-'), hunks };
}

/** Build the upgrade views of a port made with --xen and/or --base. */
export function buildUpgrade(
  input: ReviewInput,
  changes: readonly Change[],
  segs: ReadonlyArray<{ rows: Row[]; change?: number }>,
): UpgradeView {
  const prov = input.result.provenance;
  const linuxLines = new LineIndex(input.linux.text);
  const lastLine = (a: number, b: number): number => linuxLines.position(Math.max(a, b - 1)).line;
  const changeOf = { l: new Map<number, number>(), r: new Map<number, number>() };
  for (const s of segs) {
    if (s.change === undefined) continue;
    for (const row of s.rows) {
      if (row.l) changeOf.l.set(row.l, s.change);
      if (row.r) changeOf.r.set(row.r, s.change);
    }
  }
  const view: UpgradeView = {};
  if (input.base) {
    view.linux = fileDiff(input.base, input.linux, (rows) => {
      // The changed lines of the new file; a removal touches the lines on either side of it.
      const lines = new Set<number>();
      rows.forEach((r, k) => {
        if (r.op === '+') lines.add(r.new);
        if (r.op === '-') for (const near of [rows[k - 1], rows[k + 1]]) if (near?.new) lines.add(near.new);
      });
      const hits = (a: number, b: number): boolean => [...lines].some((l) => l >= a && l <= b);
      const rules = new Set<string>();
      const blocks = new Set<string>();
      for (const m of prov.matches) if (hits(m.input.line, lastLine(m.input.start, m.input.end))) rules.add(m.ruleId);
      for (const e of prov.edits) {
        if (!hits(e.input.line, lastLine(e.input.start, e.input.end))) continue;
        rules.add(e.ruleId);
        if (e.block) blocks.add(e.block);
      }
      const ch = new Set<number>([...lines].map((l) => changeOf.l.get(l)).filter((c): c is number => c !== undefined));
      return { rules: [...rules].sort(), blocks: [...blocks].sort(), changes: [...ch].sort((a, b) => a - b) };
    });
  }
  if (input.xen) {
    view.xen = fileDiff(input.xen, { text: input.result.output, file: `${input.linux.file} (output)` }, (rows) => {
      const ch = new Set<number>(
        rows
          .filter((r) => r.op === '+')
          .map((r) => changeOf.r.get(r.new))
          .filter((c): c is number => c !== undefined),
      );
      const list = [...ch].sort((a, b) => a - b);
      const rules = new Set(list.flatMap((c) => changes[c].rules));
      const blocks = new Set(
        list.flatMap((c) => changes[c].edits.map((i) => prov.edits[i].block).filter((b): b is string => !!b)),
      );
      return { rules: [...rules].sort(), blocks: [...blocks].sort(), changes: list };
    });
  }
  return view;
}
