/**
 * The flat copy of a tree (src/match/flat.ts) reads from the native cursor only what it cannot
 * derive (a parent's start from its first child, a literal token's end from its length, no child
 * lookup on tokens). These tests compare it, node by node, with a copy that asks the native nodes
 * for everything, on inputs that exercise each shortcut: preprocessor directives written with
 * spaces (`#  define`: tree-sitter-c's alias, whose text is not its type), syntax errors and
 * MISSING tokens, folded bodies, empty files, non-ASCII text, and the corpus example.
 */
import * as fs from 'fs';
import * as path from 'path';
import { flatten } from '../../src/match/flat';
import type { FNode } from '../../src/match/flat';
import { parseC } from '../../src/parse';
import type { SyntaxNode } from '../../src/parse';

/** What a node is, asked of the native node directly. */
interface Ref {
  type: string;
  start: number;
  end: number;
  named: boolean;
  field: string | null;
  missing: boolean;
  error: boolean;
  children: Ref[];
}

function reference(n: SyntaxNode, field: string | null): Ref {
  const children: Ref[] = [];
  const cursor = n.walk();
  if (cursor.gotoFirstChild())
    do children.push(reference(cursor.currentNode, cursor.currentFieldName ?? null));
    while (cursor.gotoNextSibling());
  return {
    type: n.type,
    start: n.startIndex,
    end: n.endIndex,
    named: n.isNamed,
    field,
    missing: n.isMissing,
    error: n.type === 'ERROR',
    children,
  };
}

function plain(n: FNode): Ref {
  return {
    type: n.type,
    start: n.start,
    end: n.end,
    named: n.named,
    field: n.field,
    missing: n.missing,
    error: n.error,
    children: n.children.map(plain),
  };
}

const CASES: Record<string, string> = {
  directives: '#  define X 1\n# include <a.h>\n#ifdef A\nint a;\n#  else\nint b;\n#endif\n#\tifndef B\n#endif\n',
  missing: 'int f(void) { return g(1 }\nstruct s { int a }\nint x = ;\n',
  errors: 'int f( { @@ }\n}}\nint g(void) { if (x) }\n',
  empty: '',
  comments: '/* only a comment */\n// and another\n',
  unicode: 'const char *s = "héllo ✓"; /* ü */ int é2 = 1;\nint f(void) { return \'ä\'; }\n',
  nested: 'int f(void) { struct { int a; } v; switch (x) { case 1: { y(); } default: ; } return 0; }\n',
};

describe('flatten', () => {
  for (const [name, text] of Object.entries(CASES))
    test(`copies every node as the native tree has it: ${name}`, () => {
      const tree = parseC(text);
      expect(plain(flatten(tree).root)).toEqual(reference(tree.rootNode, null));
    });

  test('copies the corpus example as the native tree has it', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'corpus', 'example', 'linux.c'), 'utf8');
    const tree = parseC(text);
    expect(plain(flatten(tree).root)).toEqual(reference(tree.rootNode, null));
  });

  test('a folded body keeps its range and no children; the rest is copied as it is', () => {
    const text = '#  define A 1\nint f(void) { return A; }\nint g(void) { return f( ; }\n';
    const tree = parseC(text);
    const flat = flatten(tree, { keepBody: () => false });
    const bodies = flat.byType.get('compound_statement') ?? [];
    expect(bodies.map((b) => [b.start, b.end, b.children.length, b.folded?.hasError])).toEqual([
      [text.indexOf('{ return A'), text.indexOf('}\nint g') + 1, 0, false],
      [text.indexOf('{ return f'), text.lastIndexOf('}') + 1, 0, true],
    ]);
    const full = reference(tree.rootNode, null);
    expect(plain(flat.root).children.map((c) => [c.type, c.start, c.end])).toEqual(
      full.children.map((c) => [c.type, c.start, c.end]),
    );
  });

  test('the index by type and the document order hold every copied node', () => {
    const tree = parseC(CASES.nested);
    const flat = flatten(tree);
    expect(flat.all.map((n) => n.start)).toEqual([...flat.all.map((n) => n.start)].sort((a, b) => a - b));
    expect([...flat.byType.values()].reduce((k, l) => k + l.length, 0)).toBe(flat.all.length);
  });

  test('the index by a key of the type is what a pass over every node in order makes', () => {
    const key = (type: string): string => (type.endsWith('identifier') ? 'identifier' : type);
    for (const text of [...Object.values(CASES), CASES.nested.repeat(3)]) {
      const flat = flatten(parseC(text), { indexKey: key });
      const want = new Map<string, FNode[]>();
      for (const n of flat.all) {
        const list = want.get(key(n.type)) ?? [];
        if (!want.has(key(n.type))) want.set(key(n.type), list);
        list.push(n);
      }
      // The same keys in the same order, each with the same nodes in the same order.
      expect([...(flat.byKey ?? [])].map(([k, l]) => [k, l.map((n) => flat.all.indexOf(n))])).toEqual(
        [...want].map(([k, l]) => [k, l.map((n) => flat.all.indexOf(n))]),
      );
    }
    expect(flatten(parseC('int x;')).byKey).toBeUndefined();
  });
});
