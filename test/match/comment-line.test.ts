/**
 * The `comment-line:` selector (src/match/selectors/comment-line.ts) finds each comment's lines
 * holding a text from the text's offsets, found once: the same matches as searching from each
 * comment's start, on every distinct corpus C file, for texts cut from its comments and for texts
 * that occur in code too, on several lines of one comment, or twice on one line.
 */
import { matchContext } from '../../src/match';
import type { MatchContext } from '../../src/match';
import { select } from '../../src/match/selectors';
import { parseSource } from '../../src/parse';
import { CORPUS_SKIP_REASON, corpusCTexts, itWithCorpus } from '../core/corpus-gate';

/** The lines a search from each comment's start finds (how the selector first did it). */
function reference(ctx: MatchContext, wanted: string): Array<[number, number]> {
  const { text } = ctx.src;
  const out: Array<[number, number]> = [];
  for (const c of ctx.flat.byType.get('comment') ?? []) {
    let at = text.indexOf(wanted, c.start);
    while (at >= 0 && at + wanted.length <= c.end) {
      const ls = text.lastIndexOf('\n', at - 1) + 1;
      const nl = text.indexOf('\n', at);
      const le = nl < 0 ? text.length : nl;
      out.push([ls, le]);
      at = text.indexOf(wanted, le);
    }
  }
  return out;
}

const found = (ctx: MatchContext, wanted: string): Array<[number, number]> =>
  select(ctx, { type: 'comment-line', text: wanted }).map((m) => [m.start, m.end]);

describe('comment-line', () => {
  test('a text twice on a line, on two lines of a comment, in code and in two comments of one line', () => {
    const text = 'int a; /* x x */ /* x */\n/*\n * x\n * y x\n */\nint x;\n// x\n';
    const ctx = matchContext(parseSource(text, 'in.c'));
    expect(found(ctx, 'x')).toEqual(reference(ctx, 'x'));
    expect(found(ctx, 'x').length).toBe(5);
    expect(found(ctx, 'absent')).toEqual([]);
  });

  test('a text that starts with a newline ends (the search from each comment did not)', () => {
    const text = '/*\n * x\n */\nint a;\n';
    const ctx = matchContext(parseSource(text, 'in.c'));
    const lines = found(ctx, '\n * x');
    expect(lines.map(([s, e]) => text.slice(s, e))).toEqual(['/*']);
  });

  itWithCorpus(`finds what a search from each comment finds, on every corpus C file${CORPUS_SKIP_REASON}`, () => {
    const texts = corpusCTexts();
    expect(texts.length).toBeGreaterThan(20);
    let seed = 11;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (const text of texts) {
      const ctx = matchContext(parseSource(text, 'in.c'));
      const comments = ctx.flat.byType.get('comment') ?? [];
      const wanted = ['the', 'struct', 'Copyright'];
      for (let k = 0; k < 5 && comments.length; k++) {
        const c = comments[random(comments.length)];
        const at = c.start + random(Math.max(c.end - c.start - 4, 1));
        wanted.push(text.slice(at, at + 1 + random(6)));
      }
      // (The search from each comment never ends for a text that starts with a newline: see below.)
      for (const w of wanted.filter((x) => x.length && x[0] !== '\n'))
        expect([w, found(ctx, w)]).toEqual([w, reference(ctx, w)]);
    }
  });
});
