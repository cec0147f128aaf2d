/**
 * unifiedDiff (src/emit/unified-diff.ts) must print what jsdiff's `createTwoFilesPatch` printed
 * (without its "Index:" / "====" preamble) byte for byte: on random texts (lines from a small
 * alphabet, so that equal lines and ties are common; with and without a last newline, with `\r\n`,
 * empty texts) and on watch-like edits of corpus files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createTwoFilesPatch } from 'diff';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/emit/unified-diff';
import { CORPUS, describeWithCorpus } from '../core/corpus-gate';

/** The former implementation: jsdiff's patch, its preamble dropped. */
function jsdiffPatch(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  return createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, { context })
    .replace(/^=+\n/m, '')
    .split('\n')
    .filter((l, i) => !(i === 0 && l.startsWith('Index:')))
    .join('\n');
}

const line = fc.constantFrom('a', 'b', 'c', '', '  x;', 'a\r');
const text = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
  .map(([ls, lastNewline]) => ls.join('\n') + (lastNewline && ls.length ? '\n' : ''));

describe('unifiedDiff', () => {
  it('prints a changed line with its context and hunk header', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\n';
    const after = 'one\ntwo\nTHREE\nfour\nfive\n';
    expect(unifiedDiff(before, after, 'a', 'b')).toBe(
      '--- a\n+++ b\n@@ -1,5 +1,5 @@\n one\n two\n-three\n+THREE\n four\n five\n',
    );
    expect(unifiedDiff(before, before, 'a', 'b')).toBe('');
  });

  it('marks a last line without a newline', () => {
    expect(unifiedDiff('x\ny', 'x\ny\n', 'a', 'b')).toBe(
      '--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n',
    );
  });

  it("prints jsdiff's patch on random texts, with 3 lines of context and others", () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom(0, 1, 3), (a, b, context) => {
        expect(unifiedDiff(a, b, 'old', 'new', context)).toBe(jsdiffPatch(a, b, 'old', 'new', context));
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('drops the preamble when both names are the same', () => {
    expect(unifiedDiff('a\n', 'b\n', 'f.c', 'f.c')).toBe(jsdiffPatch('a\n', 'b\n', 'f.c', 'f.c'));
  });
});

describeWithCorpus('unifiedDiff on corpus files', () => {
  test('watch-like edits (lines changed, removed, added) of every corpus C file', () => {
    const files = CORPUS.present
      ? fs
          .readdirSync(CORPUS.dir, { recursive: true, encoding: 'utf8' })
          .filter((f) => /\.c$/.test(f))
          .map((f) => path.join(CORPUS.dir, f))
      : [];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const before = fs.readFileSync(f, 'utf8');
      const lines = before.split('\n');
      const at = (k: number) => Math.floor((lines.length * k) / 7);
      const after = lines
        .map((l, i) => (i === at(1) ? `${l} /* changed */` : i === at(3) ? null : i === at(5) ? `${l}\nadded();` : l))
        .filter((l) => l !== null)
        .join('\n');
      expect(unifiedDiff(before, after, 'previous run', 'this run')).toBe(
        jsdiffPatch(before, after, 'previous run', 'this run'),
      );
      expect(unifiedDiff(after, before, 'previous run', 'this run')).toBe(
        jsdiffPatch(after, before, 'previous run', 'this run'),
      );
    }
  });
});
