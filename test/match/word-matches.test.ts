/** firstWordMatches against the regular expression of the words it stands for (src/match/word-matches.ts). */
import { firstWordMatches, wordSearch } from '../../src/match/word-matches';
import { WordIndex } from '../../src/match/words';

/** An index of `text` past its first search (which runs the expression): searches use the offsets. */
function warmIndex(text: string): WordIndex {
  const index = new WordIndex(text);
  firstWordMatches(['x'], index);
  return index;
}

const byRegExp = (text: string, words: string[]): number[] =>
  [...text.matchAll(wordSearch(words))].map((m) => m.index as number);

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('firstWordMatches', () => {
  it('takes the word listed first at an offset and resumes after its match', () => {
    const text = 'abcab abc bca';
    // At 0 both "ab" and "abc" occur: listed first, "ab" is taken and the search resumes at 2,
    // where "ca" starts; listed first, "abc" hides that "ca".
    expect(firstWordMatches(['ab', 'abc', 'ca'], warmIndex(text))).toEqual([0, 2, 6, 11]);
    expect(firstWordMatches(['abc', 'ab', 'ca'], warmIndex(text))).toEqual([0, 3, 6, 11]);
    expect(firstWordMatches(['bc', 'ca'], warmIndex(text))).toEqual([1, 7, 10]);
    expect(byRegExp(text, ['bc', 'ca'])).toEqual([1, 7, 10]);
  });

  it('reads special characters literally', () => {
    const text = 'mask 0x%x | a.b (c) a+b';
    const words = ['0x%x', '.', '(c)', 'a+b', '|'];
    expect(firstWordMatches(words, warmIndex(text))).toEqual(byRegExp(text, words));
    expect(firstWordMatches(words, warmIndex(text))).toEqual([5, 10, 13, 16, 20]);
  });

  it('gives what the expression gives on random texts and words', () => {
    const next = random(14);
    const pick = (s: string, n: number): string =>
      Array.from({ length: n }, () => s[Math.floor(next() * s.length)]).join('');
    for (let round = 0; round < 400; round++) {
      const text = pick('ab_c.(', Math.floor(next() * 80));
      const words = Array.from({ length: 1 + Math.floor(next() * 5) }, () =>
        pick('ab_c.(', 1 + Math.floor(next() * 3)),
      );
      const index = new WordIndex(text);
      // The first search (through the expression), then the offsets, twice with the same index.
      expect(firstWordMatches(words, index)).toEqual(byRegExp(text, words));
      expect(firstWordMatches(words, index)).toEqual(byRegExp(text, words));
      const reversed = [...words].reverse();
      expect(firstWordMatches(reversed, index)).toEqual(byRegExp(text, reversed));
    }
  });

  it('gives the expression of an empty word, which matches at every offset', () => {
    expect(firstWordMatches(['', 'ab'], warmIndex('xab'))).toEqual(byRegExp('xab', ['', 'ab']));
    expect(firstWordMatches(['ab', ''], warmIndex('xab'))).toEqual([0, 1, 3]);
  });
});
