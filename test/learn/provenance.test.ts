/**
 * Learning's line provenance (src/learn/simulate.ts, `provenance`): which output lines are Linux
 * lines copied unchanged, read from the edits through the one applier, on made-up text.
 */
import type { Edit } from '../../src/edit';
import { provenance } from '../../src/learn/simulate';

const TEXT = ['int a;', 'int b;', 'int c;', 'int d;', ''].join('\n');
const at = (line: number): number => TEXT.split('\n').slice(0, line).join('\n').length + (line ? 1 : 0);
const edit = (start: number, end: number, text: string, block?: string): Edit => ({
  start,
  end,
  text,
  ruleId: 'r',
  ...(block ? { block } : {}),
});

test('copied lines map both ways; replaced, inserted and partly edited lines map to nothing', () => {
  const edits = [
    edit(at(1), at(1), '/* new */\n'), // insert before line 1
    edit(at(2) + 4, at(2) + 5, 'x'), // int c; -> int x; (line 2 is edited)
    edit(at(3), at(4), '', 'blk'), // line 3 replaced by a block
  ];
  const blocks = new Map([['blk', 'long e;\nlong f;\n']]);
  const output = ['int a;', '/* new */', 'int b;', 'int x;', 'long e;', 'long f;', ''].join('\n');
  const p = provenance(TEXT, edits, blocks, output)!;
  expect(Array.from(p.toOld)).toEqual([0, -1, 1, -1, -1, -1]);
  expect(Array.from(p.toNew)).toEqual([0, 2, -1, -1]);
});

test('undefined when the edits do not give the output', () => {
  expect(provenance(TEXT, [], new Map(), 'something else\n')).toBeUndefined();
  const p = provenance(TEXT, [], new Map(), TEXT)!;
  expect(Array.from(p.toOld)).toEqual([0, 1, 2, 3]);
});
