/**
 * Shaping a new output only around its change from the last one (src/port/output-shape.ts): when
 * it gives a result, it is whole-file shaping's (masked and shaped texts), on random one-place
 * edits of every C file of the corpus and on line changes inside functions; and it gives one for
 * most changes inside a function (the watch case: a rule edit changes a line of a function).
 */
import * as fs from 'fs';
import { defaultHints, shapeMacros, textChange } from '../../src/parse';
import { reshapeOutput, shapedOutput } from '../../src/port/output-shape';
import { randomEdits } from '../../scripts/reparse-check/compare';
import { seededRandom } from '../../scripts/fuzz/permute';
import { CORPUS, describeWithCorpus } from '../core/corpus-gate';
import { cFiles, withLine } from './text-edits';

const hints = defaultHints();

/** Whether `next` was shaped from `last` (then it must be whole-file shaping), with the first difference. */
function check(last: string, next: string): boolean {
  const from = shapedOutput(last, shapeMacros(last, hints));
  const got = reshapeOutput(from, next, textChange(last, next), hints);
  if (!got) return false;
  const want = shapeMacros(next, hints);
  for (const k of ['masked', 'shaped'] as const) {
    if (got[k] === want[k]) continue;
    let i = 0;
    while (got[k][i] === want[k][i]) i++;
    throw new Error(`${k} text differs at ${i}: '${got[k].slice(i, i + 40)}' for '${want[k].slice(i, i + 40)}'`);
  }
  return true;
}

describe('shaping a new output around its change', () => {
  it('shapes again only what a one-line change in a function touches', () => {
    const last =
      'static int __init a(void)\n{\n\treturn 0;\n}\n\nint b(void __iomem *p)\n{\n\tlist_for_each_entry(q, &h, node)\n\t\tkfree(q);\n\treturn 1;\n}\n\nstatic int c;\n';
    const next = last.replace('kfree(q);', 'xfree(container_of(q, struct foo, m));');
    expect(check(last, next)).toBe(true);
  });

  it('gives up when the change opens a comment that runs past it', () => {
    const last = 'int a;\n\nint b(void)\n{\n\treturn 1;\n}\n\nint c;\n\nint d;\n';
    const next = last.replace('return 1;', 'return 1; /*');
    expect(check(last, next)).toBe(false);
  });

  it('gives up when the change leaves a brace open', () => {
    const last = 'int a;\n\nint b(void)\n{\n\treturn 1;\n}\n\nint c;\n\nint d;\n';
    expect(check(last, last.replace('return 1;', 'if (x) {'))).toBe(false);
  });
});

describeWithCorpus('shaping a new output around its change, on the corpus', () => {
  const files = CORPUS.present ? cFiles(CORPUS.dir) : [];

  it('gives whole-file shaping on random edits of every C file', () => {
    expect(files.length).toBeGreaterThan(10);
    let shaped = 0;
    let tried = 0;
    files.forEach((f, n) => {
      const text = fs.readFileSync(f, 'utf8');
      const rand = seededRandom(n + 1);
      for (let k = 0; k < 6; k++) {
        const e = randomEdits(text, rand)[0];
        const next = text.slice(0, e.start) + e.text + text.slice(e.end);
        tried++;
        if (check(text, next)) shaped++;
      }
    });
    // Random edits break constructs often; a good part is still shaped around the change.
    expect(shaped).toBeGreaterThan(tried / 4);
  });

  it('shapes most line changes inside functions around them, as whole-file shaping does', () => {
    let shaped = 0;
    let tried = 0;
    files.forEach((f, n) => {
      const text = fs.readFileSync(f, 'utf8');
      const rand = seededRandom(1000 + n);
      // Lines that are statements of a function body (a tab, then a call ending the line).
      const lines = [...text.matchAll(/^\t+[a-z_]\w*\(.*\);$/gm)];
      for (let k = 0; k < 4 && lines.length; k++) {
        const m = lines[Math.floor(rand() * lines.length)];
        const at = m.index as number;
        for (const line of [
          '\txfree(container_of(p, struct foo, m));',
          '\t/* Xen: */',
          '\tlist_for_each_entry(p, &h, n)',
        ]) {
          tried++;
          if (check(text, withLine(text, at + 1, line))) shaped++;
        }
      }
    });
    expect(tried).toBeGreaterThan(100);
    expect(shaped).toBeGreaterThan(tried / 2);
  });
});
