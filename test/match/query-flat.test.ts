/**
 * Raw queries run in JavaScript over the flat tree (src/match/query-flat.ts) against tree-sitter's
 * query cursor with node-tree-sitter's predicates: the same matches, pattern numbers, captures and
 * order, over the whole tree and from top-level items (what a scoped rule runs on). For every query
 * of the subset in the shipped rule sets on every distinct C file of the shared corpus and of Linux 6.1's
 * drivers/iommu (each skipped with a message when absent), and for random queries built from the
 * nodes of real files, whose fold text test must also keep every function body a match has a node in.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LINUX_INSTALL_HINT, linuxSourceAvailable, linuxSourcePath } from '../../scripts/linux-source';
import { flatten } from '../../src/match/flat';
import type { FlatTree, FNode } from '../../src/match/flat';
import { queryOf } from '../../src/match/query';
import { flatQueryMatches, flatQueryTextTest } from '../../src/match/query-flat';
import { queryShape } from '../../src/match/query-shape';
import type { QueryShape } from '../../src/match/query-shape';
import { parseSource } from '../../src/parse';
import type { ParsedSource } from '../../src/parse';
import { loadRuleSet } from '../../src/rules';
import { CORPUS, CORPUS_SKIP_REASON, itWithCorpus } from '../core/corpus-gate';

/** Every C file under `dir` (`.c` and `.h`), sorted. */
function cFiles(dir: string, ext = /\.[ch]$/): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (ext.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The raw query sources of every shipped rule set. */
function shippedQueries(): string[] {
  const out = new Set<string>();
  for (const d of fs.readdirSync('rules', { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const r of loadRuleSet(path.resolve('rules', d.name)).ruleSet?.rules ?? [])
      if (r.select.type === 'query') out.add(r.select.source);
  }
  return [...out];
}

/** Matches as comparable text lines. */
function native(source: string, node: ReturnType<ParsedSource['tree']['rootNode']['child']>): string[] {
  return queryOf(source)
    .matches(node as NonNullable<typeof node>)
    .map(
      (m) =>
        `${m.pattern} ${m.captures.map((c) => `${c.name}:${c.node.type}@${c.node.startIndex}-${c.node.endIndex}`).join(' ')}`,
    );
}
function js(shape: QueryShape, root: FNode, flat: FlatTree, text: string): string[] {
  return flatQueryMatches(shape, root, flat.byType, flat.all, text).map(
    (m) => `${m.pattern} ${m.captures.map((c) => `${c.name}:${c.node.type}@${c.node.start}-${c.node.end}`).join(' ')}`,
  );
}

/**
 * Both ways on `src` (whole tree, and the top-level items `every` apart): throws on the first
 * difference; returns how many matches tree-sitter found.
 */
function compare(source: string, src: ParsedSource, flat: FlatTree, every = 1): number {
  const shape = queryShape(source) as QueryShape;
  const want = [native(source, src.tree.rootNode)];
  const got = [js(shape, flat.root, flat, src.masked)];
  const items = src.tree.rootNode.children;
  for (let i = 0; i < items.length; i += every) {
    want.push(native(source, items[i]));
    got.push(js(shape, flat.root.children[i], flat, src.masked));
  }
  // One assertion per query and file (Jest's matcher costs more than the runs).
  if (JSON.stringify(got) !== JSON.stringify(want)) expect([source, src.file, got]).toEqual([source, src.file, want]);
  return want.reduce((n, w) => n + w.length, 0);
}

describe('raw queries run over the flat tree', () => {
  const queries = shippedQueries().filter((s) => queryShape(s));

  it('read the shipped queries (all of them now) and leave what is outside the subset to tree-sitter', () => {
    expect(queries.length).toBeGreaterThan(40);
    // Outside the subset: tree-sitter runs them.
    for (const s of [
      '((comment)+ @target)',
      '((if_statement condition: [(identifier) "x"] @c) @target)',
      '([(comment) (identifier) @x] @target)',
      '((expression) @target)',
      '((function_definition !body) @target)',
      '((comment) @target (#set! k "v"))',
      '((comment) @a (comment) @target)',
      '(((comment) (comment)) @target)',
    ])
      expect([s, queryShape(s)]).toEqual([s, undefined]);
  });

  itWithCorpus(
    `match as tree-sitter does on every distinct corpus C file${CORPUS_SKIP_REASON}`,
    () => {
      let found = 0;
      const files = cFiles(CORPUS.dir);
      expect(files.length).toBeGreaterThan(50);
      const seen = new Set<string>();
      for (const f of files) {
        // Many upgrade steps hold the same file: each text once.
        const text = fs.readFileSync(f, 'utf8');
        if (seen.has(text)) continue;
        seen.add(text);
        const src = parseSource(text, path.basename(f));
        const flat = flatten(src.tree);
        // Every item of the ports' own inputs, every 29th elsewhere (each item is one more native run).
        const every = /xen-step2|smmu-v1v2-2015\/linux/.test(f) ? 1 : 29;
        for (const q of queries) found += compare(q, src, flat, every);
      }
      expect(found).toBeGreaterThan(1000);
    },
    600000,
  );

  const linux = linuxSourceAvailable();
  if (!linux) console.warn(`skipped: queries on Linux 6.1 need the Linux source; ${LINUX_INSTALL_HINT}`);
  (linux ? it : it.skip)(
    'match as tree-sitter does on every .c file of drivers/iommu',
    () => {
      let found = 0;
      const files = cFiles(linuxSourcePath('drivers/iommu') as string, /\.c$/);
      expect(files.length).toBeGreaterThan(30);
      for (const f of files) {
        const src = parseSource(fs.readFileSync(f, 'utf8'), path.basename(f));
        const flat = flatten(src.tree);
        for (const q of queries) found += compare(q, src, flat, 11);
      }
      expect(found).toBeGreaterThan(500);
    },
    600000,
  );
});

/** A seeded random number generator (mulberry32), for repeatable random queries. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A query string literal. */
const lit = (s: string): string => JSON.stringify(s);

/** A random query of the subset built around `n` (so that it often matches), every node captured. */
function randomQuery(rnd: () => number, n: FNode, text: string, types: readonly string[]): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  let caps = 0;
  const predicates: string[] = [];
  const predicate = (cap: string, node: FNode): void => {
    const t = text.slice(node.start, node.end);
    const from = Math.floor(rnd() * t.length);
    const part = t.slice(from, from + 1 + Math.floor(rnd() * 12));
    const esc = part.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    const r = rnd();
    if (r < 0.25) predicates.push(`(#eq? ${cap} ${lit(rnd() < 0.8 ? t : part)})`);
    else if (r < 0.5)
      predicates.push(
        `(#match? ${cap} ${lit(`${from === 0 && rnd() < 0.5 ? '^' : ''}${esc}${rnd() < 0.3 ? '\\b' : ''}`)})`,
      );
    else if (r < 0.6) predicates.push(`(#not-eq? ${cap} ${lit(part)})`);
    else if (r < 0.7) predicates.push(`(#not-match? ${cap} ${lit(esc)})`);
    else if (r < 0.8) predicates.push(`(#any-of? ${cap} ${lit(part)} ${lit(t)})`);
    else if (r < 0.85) predicates.push(`(#any-match? ${cap} ${lit(esc)})`);
    else if (r < 0.9) predicates.push(`(#${rnd() < 0.5 ? 'not-' : ''}eq? ${cap} @c0)`);
  };
  const node = (m: FNode, depth: number): string => {
    if (!m.named) return lit(m.type);
    const cap = `@c${caps++}`;
    const kids = m.children.filter((k) => k.type !== 'ERROR' && (k.named || /^[a-z]+$/.test(k.type)));
    const chosen = depth < 2 ? kids.filter(() => rnd() < 0.35).slice(0, 3) : [];
    const parts: string[] = [];
    let lastAlt = false;
    chosen.forEach((k, i) => {
      const anchor = k.named && (i === 0 ? rnd() < 0.15 : chosen[i - 1].named && rnd() < 0.3);
      if (anchor) parts.push('.');
      const field = k.field && rnd() < 0.7 ? `${k.field}: ` : '';
      // Now and then an alternation: the node's own pattern and a childless one of another type.
      const alt = !anchor && k.named && rnd() < 0.15;
      lastAlt = alt;
      const other = pick(types);
      parts.push(`${field}${alt ? `[${node(k, depth + 1)} (${other}) @c${caps++}] @c${caps++}` : node(k, depth + 1)}`);
    });
    if (chosen.length && chosen[chosen.length - 1].named && !lastAlt && rnd() < 0.15) parts.push('.');
    if (rnd() < 0.4) predicate(cap, m);
    const type = rnd() < 0.1 ? '_' : m.type;
    return `(${[type, ...parts].join(' ')}) ${cap}`;
  };
  const roots = [node(n, 0)];
  const sibling = n.parent?.children.slice(n.index + 1).find((s) => s.named);
  if (sibling && rnd() < 0.25) roots.push('.', node(sibling, 0));
  return `(${[...roots, ...predicates].join(' ')})`;
}

describe('random queries over the flat tree', () => {
  const files = [
    'corpus/example/linux.c',
    ...(CORPUS.present ? [path.join(CORPUS.dir, 'smmu-v1v2-2015/linux.c')] : []),
  ];

  it('match as tree-sitter does, and their text test keeps every body a match is in', () => {
    const rnd = random(14);
    let compiled = 0;
    let matched = 0;
    const missed: string[] = [];
    for (const f of files) {
      const src = parseSource(fs.readFileSync(f, 'utf8'), path.basename(f));
      const flat = flatten(src.tree);
      const named = flat.all.filter((n) => n.named && n.type !== 'ERROR' && n.parent);
      const types = [...new Set(named.map((n) => n.type))].sort();
      const bodies = flat.all.filter((n) => n.field === 'body' && n.parent?.type === 'function_definition');
      // Written by hand first: a body is the compound_statement of a match, a predicate outside it.
      const fixed = [
        '((function_definition declarator: (function_declarator declarator: (identifier) @n) body: (compound_statement (expression_statement) @e)) @target (#eq? @n "acme_ctx_enable"))',
        '((compound_statement (expression_statement) @e) @target (#match? @target "dom"))',
        '((_ (expression_statement) @e) @target (#match? @e "^iommu"))',
      ];
      for (let i = 0; i < 150 + fixed.length; i++) {
        const source = fixed[i] ?? randomQuery(rnd, named[Math.floor(rnd() * named.length)], src.masked, types);
        const shape = queryShape(source);
        expect([source, shape !== undefined]).toEqual([source, true]);
        try {
          queryOf(source);
        } catch {
          continue; // tree-sitter refuses it (a pattern its grammar analysis finds impossible)
        }
        compiled++;
        const found = compare(source, src, flat, 17);
        if (found) matched++;
        const test = flatQueryTextTest(shape as QueryShape, src.masked);
        for (const m of flatQueryMatches(shape as QueryShape, flat.root, flat.byType, flat.all, src.masked))
          for (const b of bodies)
            if (m.captures.some((c) => c.node !== b && b.start <= c.node.start && c.node.end <= b.end))
              if (!test(b.start, (b.parent as FNode).end)) missed.push(`${source} body at ${b.start}`);
      }
    }
    expect(missed).toEqual([]);
    // Most compiled, and a good part matched (else the comparison would prove little).
    expect(compiled).toBeGreaterThan(files.length * 120);
    expect(matched).toBeGreaterThan(files.length * 50);
  }, 300000);
});
