/**
 * The changes the conditional pass tells the first tree of (src/parse/conditionals.ts
 * `blankedStretches`, which `flattenConditionals` gives with its text): every character that
 * differs lies in one of them, the text between them is the same in both texts, and stretches a
 * few characters apart (a directive and its name) are one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { blankedStretches, flattenConditionals } from '../../src/parse/conditionals';
import { parseC } from '../../src/parse/parser';
import { errorRegions } from '../../src/parse/source';
import type { ErrorRegion } from '../../src/parse/source';
import { defaultHints, shapeMacros } from '../../src/parse/shape';
import { CORPUS, itWithCorpus } from '../core/corpus-gate';

describe('blanked stretches', () => {
  it('join stretches close together, keep far ones apart, and cover every difference', () => {
    const shaped = `#ifndef A\n${'x'.repeat(100)}\n#endif\n${'y'.repeat(2000)}\n#ifdef B\n`;
    const blank = (t: string, w: string): string => t.replace(w, ' '.repeat(w.length));
    const flat = blank(blank(blank(shaped, '#ifndef A'), '#endif'), '#ifdef B');
    const changes = blankedStretches(shaped, flat);
    expect(changes.map((c) => [c.oldStart, c.oldEnd])).toEqual([
      [0, shaped.indexOf('#endif') + 6],
      [shaped.indexOf('#ifdef B'), shaped.indexOf('#ifdef B') + 8],
    ]);
    for (let i = 0, k = 0; i < shaped.length; i++) {
      while (k < changes.length && changes[k].oldEnd <= i) k++;
      const inside = k < changes.length && changes[k].oldStart <= i;
      if (!inside) expect(flat[i]).toBe(shaped[i]);
    }
    for (const c of changes) expect([c.newStart, c.newEnd]).toEqual([c.oldStart, c.oldEnd]);
  });

  itWithCorpus('are found inside the blanked ranges as over the whole text', () => {
    const text = fs.readFileSync(path.join(CORPUS.dir, 'smmu-v1v2-2015', 'linux.c'), 'utf8');
    const shaped = shapeMacros(text, defaultHints()).shaped;
    const tree = parseC(shaped);
    const labels: ErrorRegion[] = [];
    const flat = flattenConditionals(shaped, tree, undefined, [...errorRegions([tree.rootNode], labels), ...labels]);
    expect(flat).toBeDefined();
    expect(flat?.changes.length).toBeGreaterThan(0);
    expect(flat?.changes).toEqual(blankedStretches(shaped, flat?.text ?? ''));
  });
});
