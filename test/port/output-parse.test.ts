/**
 * Parsing a new output from the last one (src/port/output-parse.ts) gives what a full parse gives:
 * the same syntax errors (what XP204 counts), the same text parsed and the same tree, on chains of
 * edits of the corpus files (each parse made from the last one's base, as watch does, whose trees
 * are full parses of their texts) and of the example; and the passes are limited to the window
 * around the change for most line changes inside functions (no `finishParse` over the whole output).
 */
import * as fs from 'fs';
import * as path from 'path';
import { defaultHints, parseC, parseSourceFull } from '../../src/parse';
import type { ParsedSource } from '../../src/parse';
import * as source from '../../src/parse/source';
import { outputBase, parseNextOutput } from '../../src/port/output-parse';
import { parseDifference, randomEdits } from '../../scripts/reparse-check/compare';
import { seededRandom } from '../../scripts/fuzz/permute';
import { CORPUS, describeWithCorpus } from '../core/corpus-gate';
import { cFiles, withLine } from './text-edits';

const hints = defaultHints();

afterEach(() => jest.restoreAllMocks());

/** Counts the parses that ran the passes over the whole output. */
function countWhole(): { n: number } {
  const count = { n: 0 };
  const finish = source.finishParse;
  jest.spyOn(source, 'finishParse').mockImplementation((...a) => {
    count.n++;
    return finish(...a);
  });
  return count;
}

/**
 * Parse each text of `texts` from the one before (the first parsed in full), checking each against
 * a full parse; the last parsed source.
 */
function chain(file: string, texts: readonly string[]): ParsedSource {
  let last = parseSourceFull(texts[0], file, hints);
  for (const next of texts.slice(1)) {
    const base = outputBase(last, hints);
    // The trees the next parse starts from are full parses of their texts.
    for (const p of [base.first, base.second]) {
      if (p && p.tree.rootNode.toString() !== parseC(p.text).rootNode.toString())
        throw new Error(`${file}: a base tree is not a full parse of its text`);
    }
    const got = parseNextOutput(base, next, file, hints);
    const want = parseSourceFull(next, file, hints);
    const d = parseDifference(got, want);
    if (d) throw new Error(`${file}: ${d}`);
    last = got;
  }
  return last;
}

describe('parsing a new output from the last one', () => {
  const example = path.join(__dirname, '..', '..', 'corpus', 'example', 'linux.c');
  const text = fs.readFileSync(example, 'utf8');

  it('gives a full parse after edits that break and mend constructs', () => {
    const broken = text.replace(/\{\n/, '{\n\tif (x\n');
    const more = broken.replace(/return/, 'retur n');
    chain('linux.c', [text, broken, more, broken, text]);
  });

  it('reads only the window around a line change inside a function', () => {
    const count = countWhole();
    const at = text.search(/^\t[a-z_]\w*\(.*\);$/m);
    expect(at).toBeGreaterThan(0);
    chain('linux.c', [text, withLine(text, at + 1, '\txfree(p);'), text]);
    expect(count.n).toBe(0);
  });

  it('runs the passes over the whole output when the change opens a conditional group', () => {
    const count = countWhole();
    const at = text.search(/^\t[a-z_]\w*\(.*\);$/m);
    chain('linux.c', [text, withLine(text, at + 1, '#ifdef CONFIG_X\n\tf(')]);
    expect(count.n).toBe(1);
  });
});

describeWithCorpus('parsing a new output from the last one, on the corpus', () => {
  const files = CORPUS.present ? cFiles(CORPUS.dir) : [];

  it('gives a full parse after chains of random edits of every third C file', () => {
    expect(files.length).toBeGreaterThan(10);
    files.forEach((f, n) => {
      if (n % 3) return;
      const text = fs.readFileSync(f, 'utf8');
      const rand = seededRandom(n + 7);
      const texts = [text];
      for (let k = 0; k < 2; k++) {
        const last = texts[texts.length - 1];
        const e = randomEdits(last, rand)[0];
        texts.push(last.slice(0, e.start) + e.text + last.slice(e.end));
      }
      chain(f, texts);
    });
  });

  it('gives a full parse after line changes inside functions of every other file, most read only around them', () => {
    const count = countWhole();
    let parses = 0;
    files.forEach((f, n) => {
      if (n % 2) return;
      const text = fs.readFileSync(f, 'utf8');
      const rand = seededRandom(1000 + n);
      const lines = [...text.matchAll(/^\t+[a-z_]\w*\(.*\);$/gm)];
      if (!lines.length) return;
      const texts = [text];
      for (let k = 0; k < 3; k++) {
        const m = lines[Math.floor(rand() * lines.length)];
        const line = ['\txfree(container_of(p, struct foo, m));', '\t/* Xen: */', '\tdev_info(dev, "%#x\\n", v);'][k];
        texts.push(withLine(texts[texts.length - 1], (m.index as number) + 1, line));
      }
      parses += texts.length - 1;
      chain(f, texts);
    });
    expect(parses).toBeGreaterThan(60);
    expect(count.n).toBeLessThan(parses / 3);
  });
});
