/**
 * Boundaries between pipeline stages: the folders of src/ (parse, rules, match, edit, ...) import
 * each other without a cycle, type-only imports included, so each stage can be read and tested
 * with only the stages below it. Imports are read from the sources with a regular expression.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** The stage of a file or import target: its first folder under src/ (or the file's name at the top). */
function stageOf(p: string): string {
  const [first] = path.relative(SRC, p).split(path.sep);
  return first.replace(/\.ts$/, '');
}

/**
 * The relative modules a source imports: `import ... from`, `export ... from`, `import '...'`,
 * `require('...')` and type-level `import('...')`.
 */
function relativeImports(text: string): string[] {
  const forms =
    /^\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']*)'|^\s*import\s+'(\.{1,2}\/[^']*)'|(?:require|import)\('(\.{1,2}\/[^']*)'\)/gm;
  return [...text.matchAll(forms)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Edges between stages: "from -> to" with one file that makes it. */
function stageEdges(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of sources(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const target of relativeImports(text)) {
      const from = stageOf(file);
      const to = stageOf(path.resolve(path.dirname(file), target));
      if (from === to || to.startsWith('..')) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      edges.get(from)!.set(to, path.relative(SRC, file));
    }
  }
  return edges;
}

/** Every cycle found by a depth-first walk, as "a -> b -> a" with the file of each step. */
function cycles(edges: Map<string, Map<string, string>>): string[] {
  const out: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'open');
    stack.push(n);
    for (const [m] of edges.get(n) ?? []) {
      if (state.get(m) === 'open') {
        const loop = [...stack.slice(stack.indexOf(m)), m];
        out.push(
          loop.map((s, i) => (i + 1 < loop.length ? `${s} (${edges.get(s)!.get(loop[i + 1])})` : s)).join(' -> '),
        );
      } else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...edges.keys()].sort()) if (!state.has(n)) visit(n);
  return out;
}

test('the imports between stage folders of src/ have no cycle', () => {
  const edges = stageEdges();
  expect(edges.get('rules')?.has('match')).toBe(true); // the walk sees imports at all
  expect(cycles(edges)).toEqual([]);
});

test('the cycle finder finds a cycle', () => {
  const edges = new Map([
    ['a', new Map([['b', 'a/x.ts']])],
    ['b', new Map([['a', 'b/y.ts']])],
  ]);
  expect(cycles(edges)).toEqual(['a (a/x.ts) -> b (b/y.ts) -> a']);
});

test('every folder of src/ is a stage whose sources the walk reads', () => {
  const folders = fs
    .readdirSync(SRC, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const read = new Set(sources(SRC).map(stageOf));
  expect(folders.length).toBeGreaterThan(10);
  expect(folders.filter((f) => !read.has(f))).toEqual([]);
});

test('the import reader sees every form of a relative import', () => {
  const text = [
    'import { a,',
    "  b } from '../one';",
    "import type { C } from '../two';",
    "export { d } from '../three';",
    "export * from './four';",
    "import '../five';",
    "const f = require('../six') as typeof import('../seven');",
    "import * as fs from 'fs';",
  ].join('\n');
  expect(relativeImports(text)).toEqual(['../one', '../two', '../three', './four', '../five', '../six', '../seven']);
});
