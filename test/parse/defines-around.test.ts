/**
 * Which `#define`s the macro-body filter tries (src/parse/macro-bodies.ts, `pickMacroBodies` with
 * `near`): those whose logical lines hold one of the offsets. Checked against a reference that
 * walks back from each offset to its logical line's start, on every distinct corpus C file with
 * random offsets and with every word start, and on line splices built for the edge cases.
 */
import { endsDirective } from '../../src/parse/code-map';
import { pickMacroBodies } from '../../src/parse/macro-bodies';
import { CORPUS_SKIP_REASON, corpusCTexts, itWithCorpus } from '../core/corpus-gate';

/** From each offset back to the start of its logical line; a `#define` starting there is kept. */
function reference(text: string, near: readonly number[]): number[] {
  const out: number[] = [];
  for (const at of near) {
    let start = text.lastIndexOf('\n', at - 1) + 1;
    while (start > 0 && !endsDirective(text, start - 1)) start = text.lastIndexOf('\n', start - 2) + 1;
    const m = /^[ \t]*#[ \t]*define\b/.exec(text.slice(start, start + 40));
    const hash = m ? start + m[0].indexOf('#') : -1;
    if (hash >= 0 && out[out.length - 1] !== hash) out.push(hash);
  }
  return out;
}

/** The `#` of each `#define` whose body `pickMacroBodies` tries (every body kept). */
function tried(text: string, near: readonly number[]): number[] {
  const hashes: number[] = [];
  pickMacroBodies(
    text,
    (start) => {
      hashes.push(text.lastIndexOf('#', start));
      return false;
    },
    undefined,
    near,
  );
  return hashes;
}

/** The same, for the reference's `#define`s: the ones it finds, asked the same way. */
function triedByReference(text: string, near: readonly number[]): number[] {
  const want = new Set(reference(text, near));
  const all = tried(text, undefined as unknown as number[]);
  return all.filter((h) => want.has(h));
}

describe('the #defines around offsets', () => {
  test('a splice continues a #define; a #define on a continued line or with a longer word is none', () => {
    const text = [
      '#define A(x) \\',
      '\tfoo(x)',
      '#if X \\',
      '#define NOT_ONE 1',
      '#endif',
      '  #  define B bar',
      '#defined C',
      '#define D \\\r',
      '\tbaz',
      'int x;',
    ].join('\n');
    const words = [...text.matchAll(/\w+/g)].map((m) => m.index as number);
    expect(tried(text, words)).toEqual(triedByReference(text, words));
    expect(tried(text, words).map((h) => text.slice(h, h + 12))).toEqual([
      '#define A(x)',
      '#  define B ',
      '#define D \\\r',
    ]);
    expect(tried(text, [text.indexOf('foo')])).toEqual([0]);
    expect(tried(text, [text.indexOf('int')])).toEqual([]);
  });

  itWithCorpus(`are those a walk back from each offset finds, on every corpus C file${CORPUS_SKIP_REASON}`, () => {
    const texts = corpusCTexts();
    expect(texts.length).toBeGreaterThan(20);
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const text of texts) {
      const words = [...text.matchAll(/\w+/g)].map((m) => m.index as number);
      const some = words.filter(() => random() < 0.05);
      for (const near of [words, some, []]) expect(tried(text, near)).toEqual(triedByReference(text, near));
    }
  });
});
