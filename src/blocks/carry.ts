/**
 * Carrying Xen-owned blocks over from the existing Xen file. The rules are run on the Linux file
 * the existing Xen file was generated from, with a placeholder line where each block goes; a line
 * diff against the existing Xen file then tells, for each placeholder, which lines of the Xen file
 * are that block. Lines the diff cannot assign to a block are hand edits: they are reported, never
 * silently dropped.
 */
import { diffLines } from './line-diff';
import type { LineNumbers } from './line-diff';

/** A line of the existing Xen file (1-based) that the rules and blocks do not reproduce. */
export interface Unaccounted {
  /** Line in the existing Xen file (for a missing line: the line before which it is missing). */
  line: number;
  text: string;
  /** `extra`: the Xen file has it, the rules do not make it; `missing`: the rules make it, the Xen file lacks it. */
  what: 'extra' | 'missing';
}

/** Result of carrying blocks over. */
export interface Carried {
  blocks: Map<string, string>;
  /** Blocks with a placeholder but no text at their place in the existing file. */
  notFound: string[];
  unaccounted: Unaccounted[];
}

const PLACEHOLDER = /^\u0000XENPORT-BLOCK (.+)\u0000$/;

/** Split into lines, each keeping its newline (the last line may lack one). */
export function splitLines(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
    out.push(s.slice(from, nl + 1));
    from = nl + 1;
  }
  if (from < s.length) out.push(s.slice(from));
  return out;
}

/**
 * The last existing Xen file carried over from, its lines and their numbers for the line diff
 * (line-diff.ts): a watch session carries over from the same file port after port. Only this module
 * holds the lines, and never changes them.
 */
let lastExisting: { text: string; lines: readonly string[]; numbers: LineNumbers } | undefined;

/** `splitLines(existing)` and its line numbers: the same as last time for the same text. */
function existingLines(existing: string): { lines: readonly string[]; numbers: LineNumbers } {
  if (lastExisting?.text !== existing) lastExisting = { text: existing, lines: splitLines(existing), numbers: {} };
  return lastExisting;
}

/**
 * Find the block texts in `existing`, given `generated`: the rules' output on the base Linux file
 * with placeholder lines for blocks.
 */
export function carryBlocks(generated: string, existing: string): Carried {
  const gen: string[] = [];
  const at = new Map<number, string[]>(); // placeholder names before gen[k]
  for (const l of splitLines(generated)) {
    const m = l.charCodeAt(0) === 0 ? PLACEHOLDER.exec(l.replace(/\n$/, '')) : null;
    if (m) {
      const list = at.get(gen.length) ?? [];
      list.push(m[1]);
      at.set(gen.length, list);
    } else gen.push(l);
  }
  const { lines: xen, numbers } = existingLines(existing);
  const blocks = new Map<string, string>();
  const unaccounted: Unaccounted[] = [];
  let gi = 0;
  let xi = 0;
  const parts = diffLines(gen, xen, numbers);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    const n = part.value.length;
    if (!part.added && !part.removed) {
      gi += n;
      xi += n;
      continue;
    }
    if (part.removed) {
      const next = parts[p + 1];
      const added = next?.added ? next.value : [];
      if (next?.added) p++;
      placeRun(gen, at, gi, added, xi, blocks, unaccounted, n);
      part.value.forEach((t) => unaccounted.push({ line: xi + 1, text: t.replace(/\n$/, ''), what: 'missing' }));
      gi += n;
      xi += added.length;
      continue;
    }
    placeRun(gen, at, gi, part.value, xi, blocks, unaccounted, 0);
    xi += n;
  }
  const notFound: string[] = [];
  for (const names of at.values()) for (const name of names) if (!blocks.has(name)) notFound.push(name);
  unaccounted.sort((a, b) => a.line - b.line);
  return { blocks, notFound, unaccounted };
}

/**
 * Assign a run of added Xen lines, inserted before gen[gi] (in place of `removed` generated lines),
 * to a block placeholder at that position, or at a position the run can slide to (a diff may
 * place equal lines on either side of an insertion).
 */
function placeRun(
  gen: string[],
  at: Map<number, string[]>,
  gi: number,
  run: string[],
  xi: number,
  blocks: Map<string, string>,
  unaccounted: Unaccounted[],
  removed: number,
): void {
  if (run.length === 0) return;
  const free = (k: number): string | undefined => at.get(k)?.find((name) => !blocks.has(name));
  for (let k = gi; k <= gi + removed; k++) {
    const name = free(k);
    if (name) return void blocks.set(name, run.join(''));
  }
  if (removed === 0) {
    // Slide up: the run's last line equals the line above it.
    let lines = [...run];
    for (let k = gi; k > 0 && gen[k - 1] === lines[lines.length - 1]; k--) {
      lines = [gen[k - 1], ...lines.slice(0, -1)];
      const name = free(k - 1);
      if (name) return void blocks.set(name, lines.join(''));
      // Slid next to a block found earlier at this place: the diff split one block in two.
      const taken = at
        .get(k - 1)
        ?.filter((n) => blocks.has(n))
        .pop();
      if (taken) return void blocks.set(taken, (blocks.get(taken) as string) + lines.join(''));
    }
    lines = [...run];
    for (let k = gi; k < gen.length && gen[k] === lines[0]; k++) {
      lines = [...lines.slice(1), gen[k]];
      const name = free(k + 1);
      if (name) return void blocks.set(name, lines.join(''));
    }
  }
  run.forEach((t, k) => unaccounted.push({ line: xi + k + 1, text: t.replace(/\n$/, ''), what: 'extra' }));
}
