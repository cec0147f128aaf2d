/**
 * Where words occur in a text, for cheap "can a rule match inside this range" checks: the offsets
 * of each word are found once per text and then tested per range by binary search. Used to copy
 * only the parts of a tree some rule can match in (function bodies in a port, top-level items in a
 * scan).
 */
import { countBelow } from '../sorted';

/** Sorted offsets of every occurrence of `word` in `text`. */
export function occurrences(text: string, word: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) out.push(at);
  return out;
}

/** True when some occurrence (of a word of length `len`) lies within [start, end). */
export function within(occ: readonly number[], len: number, start: number, end: number): boolean {
  const lo = countBelow(occ, start);
  return lo < occ.length && occ[lo] + len <= end;
}

/** The words a range must hold: all of `all`, and one of `any` when `any` is not empty. */
export interface WordNeed {
  all: readonly string[];
  any: readonly string[];
}

/** Whether `need` is met, given which words are there (`has`). */
export function meets(need: WordNeed, has: (word: string) => boolean): boolean {
  return need.all.every(has) && (need.any.length === 0 || need.any.some(has));
}

/** `s` as a regular expression matching exactly it (every special character escaped). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Occurrences of words in one text, computed on first use. */
export class WordIndex {
  private readonly occ = new Map<string, number[]>();

  constructor(readonly text: string) {}

  /** Sorted offsets of every occurrence of `word`. */
  positions(word: string): readonly number[] {
    let o = this.occ.get(word);
    if (!o) this.occ.set(word, (o = occurrences(this.text, word)));
    return o;
  }

  /** The offsets of `word` when they were found already (else undefined: nothing is searched). */
  known(word: string): readonly number[] | undefined {
    return this.occ.get(word);
  }

  /** True when `word` occurs in the text: from its offsets when found, else a search that stops at the first. */
  occurs(word: string): boolean {
    const o = this.occ.get(word);
    return o ? o.length > 0 : this.text.includes(word);
  }

  /** True when `word` occurs within [start, end). */
  has(word: string, start: number, end: number): boolean {
    return within(this.positions(word), word.length, start, end);
  }

  /** True when [start, end) holds what `need` asks for. */
  satisfies(need: WordNeed, start: number, end: number): boolean {
    return meets(need, (w) => this.has(w, start, end));
  }
}
