/**
 * The matches of a search for any of a list of words, as a regular expression of the words (`a|b|c`,
 * global, each escaped) finds them, computed from each word's offsets (src/match/words.ts
 * `WordIndex`). The offsets of a word are found once per text, so a rule change that brings one new
 * word costs one search for that word instead of compiling a new expression of all the words.
 * Finding every word's offsets costs more than one run of the expression in a cold process (a
 * cold SMMUv1 port: about 5 ms against 1), so the first search of an index runs the expression;
 * an index searched again (the Linux input's, kept by a watch session) uses the offsets.
 */
import { escapeRegExp } from './words';
import type { WordIndex } from './words';

/** The indexes searched once already (through the expression). */
const searched = new WeakSet<WordIndex>();

/**
 * The offsets of the matches `text.matchAll(/w0|w1|.../g)` gives for `words` in the
 * text of `index`: the leftmost occurrence of any word; at one offset the word listed first; the
 * next search starts where that match ends. An empty word, which matches everywhere, goes through
 * the expression, as does the first search of an index.
 */
export function firstWordMatches(words: readonly string[], index: WordIndex): number[] {
  if (!searched.has(index) || words.includes('')) {
    searched.add(index);
    return [...index.text.matchAll(wordSearch(words))].map((m) => m.index as number);
  }
  const n = words.length;
  // Each occurrence as offset * n + word number: sorted, the first entry at an offset is the word
  // listed first (offsets and word numbers stay far below 2^53).
  let count = 0;
  const lists = words.map((w) => {
    const p = index.positions(w);
    count += p.length;
    return p;
  });
  const keys = new Float64Array(count);
  let k = 0;
  lists.forEach((p, i) => {
    for (const at of p) keys[k++] = at * n + i;
  });
  keys.sort();
  const out: number[] = [];
  let end = 0;
  for (const key of keys) {
    const i = key % n;
    const at = (key - i) / n;
    if (at < end) continue;
    out.push(at);
    end = at + words[i].length;
  }
  return out;
}

/** The regular expression `firstWordMatches` stands for: any of `words`, each escaped. */
export function wordSearch(words: readonly string[]): RegExp {
  return new RegExp(words.map(escapeRegExp).join('|'), 'g');
}
