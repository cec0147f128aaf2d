/**
 * `childrenWithErrors` (src/parse/parser.ts) reads which children of a node have syntax errors
 * without making a JavaScript node of each: it must name exactly the children `children` and
 * `hasError` name, for every node on the way to an error, in files with and without errors, and
 * when some children are already cached as nodes (the binding then hands those out as nodes).
 */
import * as fs from 'fs';
import * as path from 'path';
import { childrenWithErrors, parseC } from '../../src/parse/parser';
import type { SyntaxNode } from '../../src/parse/parser';
import { shapeMacros } from '../../src/parse';
import { CORPUS, describeWithCorpus } from '../core/corpus-gate';

/** The answer read through node-tree-sitter's public nodes. */
const byNodes = (n: SyntaxNode): number[] => n.children.flatMap((c, k) => (c.hasError ? [k] : []));

/** Every node with errors of `root`'s tree but ERROR and MISSING ones (those the error walk reads the children of). */
function nodesWithErrors(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop() as SyntaxNode;
    if (!n.hasError || n.type === 'ERROR' || n.isMissing) continue;
    out.push(n);
    stack.push(...n.children);
  }
  return out;
}

describe('childrenWithErrors', () => {
  it('names the children with errors, and none in a clean tree', () => {
    const broken = parseC('int a;\nint b = ;\nvoid f(void) { g(; }\nint c;\n');
    const clean = parseC('int a;\nint b = 1;\n');
    expect(childrenWithErrors(broken.rootNode)).toEqual([1, 2]);
    expect(childrenWithErrors(clean.rootNode)).toEqual([]);
  });

  it('gives the same answer when the children are already cached as nodes', () => {
    const tree = parseC('int a;\nint b = ;\nint c;\nint d = ;\n');
    const fresh = childrenWithErrors(tree.rootNode);
    // Reading `children` caches a node per child: the binding hands those out as nodes.
    const want = byNodes(tree.rootNode);
    expect(fresh).toEqual(want);
    expect(childrenWithErrors(tree.rootNode)).toEqual(want);
  });
});

describeWithCorpus('childrenWithErrors on the corpus', () => {
  it('agrees with children and hasError on every node with errors of every corpus C file, shaped or not', () => {
    let checked = 0;
    for (const dir of fs.readdirSync(CORPUS.dir)) {
      const d = path.join(CORPUS.dir, dir);
      if (!fs.statSync(d).isDirectory()) continue;
      for (const f of fs.readdirSync(d).filter((x) => /\.[ch]$/.test(x))) {
        const text = fs.readFileSync(path.join(d, f), 'utf8');
        for (const t of [text, shapeMacros(text).shaped]) {
          // Asked on a tree no one has read, first (no child cached), then against the public nodes.
          const tree = parseC(t);
          const got = childrenWithErrors(tree.rootNode);
          expect(got).toEqual(byNodes(parseC(t).rootNode));
          for (const n of nodesWithErrors(tree.rootNode)) {
            expect(childrenWithErrors(n)).toEqual(byNodes(n));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
