/**
 * node-tree-sitter reads the text to parse in pieces of `READ_UNITS` UTF-16 units (src/parse/parser.ts):
 * a text many pieces long, with characters outside the BMP across piece ends, parses to the same
 * tree (types and offsets of every node) as when the whole text is copied in one piece, whole
 * and with included ranges.
 */
import type { SyntaxNode, Tree } from 'tree-sitter';
import { cParser, parseC, READ_UNITS } from '../../src/parse/parser';

/** Every node of `tree` in document order, as `type start end`. */
function nodes(tree: Tree): string[] {
  const out: string[] = [];
  const walk = (n: SyntaxNode): void => {
    out.push(`${n.type} ${n.startIndex} ${n.endIndex}`);
    for (const c of n.children) walk(c);
  };
  walk(tree.rootNode);
  return out;
}

/** The text as one piece, as parseC passed it before (a buffer as large as the text). */
function parseWhole(text: string, ranges?: Parameters<typeof parseC>[1]): Tree {
  return cParser().parse(text, undefined, {
    bufferSize: text.length + 16,
    ...(ranges ? { includedRanges: [...ranges] } : {}),
  });
}

describe('parseC reads large texts in pieces', () => {
  // Functions with a string holding a character outside the BMP (two UTF-16 units), shifted by
  // one unit per function so that some pair straddles a piece end; a syntax error in the middle.
  const fns: string[] = [];
  for (let k = 0; fns.join('').length < 4 * READ_UNITS; k++)
    fns.push(`int f${k}(void)\n{\n\tconst char *s = "${'a'.repeat(k % 7)}\u{1F600}x";\n\treturn g(${k}, s);\n}\n`);
  fns.splice(fns.length >> 1, 0, 'int broken( {\n');
  const text = fns.join('');

  test('the whole text', () => {
    const tree = parseC(text);
    expect(tree.rootNode.hasError).toBe(true);
    expect(nodes(tree)).toEqual(nodes(parseWhole(text)));
  });

  test('included ranges across several pieces', () => {
    const lines = text.split('\n');
    const ranges = [];
    let at = 0;
    let row = 0;
    // Every third function (five lines each) as its own range.
    for (let i = 0; i + 5 <= lines.length; i += 5) {
      const len = lines.slice(i, i + 5).reduce((n, l) => n + l.length + 1, 0);
      if ((i / 5) % 3 === 0)
        ranges.push({
          startIndex: at,
          endIndex: at + len,
          startPosition: { row, column: 0 },
          endPosition: { row: row + 5, column: 0 },
        });
      at += len;
      row += 5;
    }
    expect(ranges.length).toBeGreaterThan(10);
    expect(ranges[ranges.length - 1].startIndex).toBeGreaterThan(2 * READ_UNITS);
    expect(nodes(parseC(text, ranges))).toEqual(nodes(parseWhole(text, ranges)));
  });
});
