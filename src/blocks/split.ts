/**
 * Blocks across a file split. When Linux moves part of a driver into a new header, the Xen port
 * follows with a `.c` and a `.h`, and its Xen-owned text is split too: part of a block moves to the
 * header, Linux items Xen had edited in place move with it. The existing Xen file of before the
 * split is the only place that text exists, so the blocks of the split port are derived from it
 * (`split: blocks:` in port.yaml): named items of that file or of a block carried over from it, or
 * a carried block without some items. Nothing is written in the rules but names.
 */
import * as path from 'path';
import { Diagnostic, diag } from '../diagnostics';
import type { SplitBlock } from '../rules/types';
import { splitLines } from './carry';
import { indexItems, LineItem, selectUnits } from './items';
import type { ItemIndex } from './items';

/** A named text. */
interface Named {
  text: string;
  file: string;
}

const INCLUDE = /^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]/gm;

/**
 * True when a base Linux file predates the split that created `header`: it is not a header itself
 * and does not include it.
 */
export function predatesSplit(base: Named, header: string): boolean {
  if (/\.h$/i.test(base.file)) return false;
  for (const m of base.text.matchAll(INCLUDE)) if (path.posix.basename(m[1]) === header) return false;
  return true;
}

const isBlank = (l: string): boolean => l.trim() === '';

/** The items taken, in order: neighbours in the source stay together as written, groups end with one blank line. */
function take(lines: string[], units: LineItem[]): string {
  let out = '';
  let prev: LineItem | undefined;
  for (const u of units) {
    const between = prev && u.commentFirst > prev.last ? lines.slice(prev.last + 1, u.commentFirst) : undefined;
    if (prev && between && between.every(isBlank)) out += between.join('');
    else if (prev) out += '\n';
    out += lines.slice(u.commentFirst, u.last + 1).join('');
    prev = u;
  }
  return `${out}\n`;
}

/**
 * The lines without the units (each with its comment, unless the comment is kept, and the blank
 * lines after it). Where a unit left, the blank lines around the gap become one; the result starts
 * with text, not a blank line.
 */
function without(lines: string[], units: LineItem[], keepComments: readonly string[]): string {
  const gone = new Array<boolean>(lines.length).fill(false);
  for (const u of units) {
    const comment = lines.slice(u.commentFirst, u.first).join('');
    const from = keepComments.some((k) => comment.includes(k)) ? u.first : u.commentFirst;
    let to = u.last + 1;
    while (to < lines.length && isBlank(lines[to])) to++;
    for (let i = from; i < to; i++) gone[i] = true;
  }
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!gone[i] && !isBlank(lines[i])) {
      out.push(lines[i++]);
      continue;
    }
    // A run of blank and removed lines: kept as is without a removal, else one blank line at most.
    let j = i;
    while (j < lines.length && (gone[j] || isBlank(lines[j]))) j++;
    const run = lines.slice(i, j).filter((_, k) => !gone[i + k]);
    const removal = gone.slice(i, j).some(Boolean);
    out.push(...(removal ? run.slice(0, 1) : run));
    i = j;
  }
  while (out.length && isBlank(out[0])) out.shift();
  return out.join('');
}

/** The sources of the derived blocks, parsed once each. */
class Sources {
  private cache = new Map<string, { lines: string[]; index: ItemIndex }>();
  constructor(
    private carried: ReadonlyMap<string, string>,
    private xen: Named,
  ) {}

  get(from: string | undefined): { lines: string[]; index: ItemIndex } | undefined {
    const key = from ?? '';
    let s = this.cache.get(key);
    const text = from === undefined ? this.xen.text : this.carried.get(from);
    if (!s && text !== undefined) {
      s = {
        lines: splitLines(text),
        index: indexItems(text, from === undefined ? this.xen.file : `${this.xen.file} (block ${from})`),
      };
      this.cache.set(key, s);
    }
    return s;
  }
}

/**
 * Derive the blocks of a split port from the existing Xen file of before the split (`xen`) and the
 * blocks carried over from it. Items that leave a block and go into no derived block would be lost:
 * they are reported (XP300, a warning with `dropHandEdits`).
 */
export function deriveSplitBlocks(
  specs: readonly SplitBlock[],
  carried: ReadonlyMap<string, string>,
  xen: Named,
  dropHandEdits = false,
): { blocks: Map<string, string>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const blocks = new Map<string, string>();
  const sources = new Sources(carried, xen);
  const leaving: Array<{ spec: SplitBlock; text: string; name: string }> = [];
  for (const spec of specs) {
    const src = sources.get(spec.from);
    if (!src) {
      diagnostics.push(
        diag(
          'XP303',
          `split: block '${spec.from}' to derive '${spec.name}' from is not in the existing Xen file ${xen.file}`,
          { location: spec.location },
        ),
      );
      continue;
    }
    const names = spec.items ?? spec.without ?? [];
    const { units, missing } = selectUnits(src.index, names);
    const where = spec.from === undefined ? xen.file : `block '${spec.from}' of ${xen.file}`;
    for (const m of missing) {
      diagnostics.push(
        diag(
          'XP303',
          `split: block '${spec.name}': item '${m.name}' ${m.found ? `is defined ${m.found} times` : 'not found'} in ${where}`,
          { location: spec.location },
        ),
      );
    }
    if (missing.length) continue;
    if (spec.items) blocks.set(spec.name, take(src.lines, units));
    else {
      blocks.set(spec.name, without(src.lines, units, spec.keepComments));
      for (const u of units) leaving.push({ spec, name: u.name, text: src.lines.slice(u.first, u.last + 1).join('') });
    }
  }
  for (const l of leaving) {
    if ([...blocks].some(([name, text]) => name !== l.spec.name && text.includes(l.text))) continue;
    diagnostics.push(
      diag(
        'XP300',
        `split: item '${l.name}' leaves block '${l.spec.from}' for '${l.spec.name}' but no derived block takes it; it would be lost`,
        {
          location: l.spec.location,
          ...(dropHandEdits ? { severity: 'warning' as const } : {}),
        },
      ),
    );
  }
  return { blocks, diagnostics };
}
