/** `pattern:`: a C fragment with metavariables, matched structurally. */
import { similarNames } from '../named';
import { identifiersOf } from '../pattern';
import type { CompiledPattern, PNode } from '../pattern';
import { findStructural } from '../structural';
import { selector } from './types';
import { text } from './value';

/** True when some node of the pattern below its root is a statement. */
function spansStatements(p: PNode, root = true): boolean {
  return (!root && p.type.endsWith('_statement')) || p.children.some((c) => spansStatements(c, false));
}

/** The `pattern:` selector. */
export const PATTERN = selector<string, { type: 'pattern'; pattern: CompiledPattern }>({
  key: 'pattern',
  value: text(
    'Selector: a C fragment (expression, statement(s), declaration, field or top-level item) with metavariables $X, $$$X, $_, $$$, matched structurally.',
  ),
  doc: 'a C fragment matched structurally (see Patterns)',
  owns: (sel) => sel.type === 'pattern',
  compile: (_v, at) => {
    const r = at.pattern();
    return {
      select: r.pattern && { type: 'pattern', pattern: r.pattern },
      bound: r.pattern?.metavars ?? [],
      diagnostics: r.diagnostics,
    };
  },
  find: (ctx, { pattern }, within) => {
    const { masked } = ctx.src;
    const absent = (lit: string): boolean => !(ctx.words ? ctx.words.occurs(lit) : masked.includes(lit));
    if (pattern.literals.some(absent)) return [];
    // The identifier of the first pattern node with the fewest offsets already found: the
    // candidate that node matches holds one of them.
    let rare: { at: readonly number[]; length: number } | undefined;
    const first = pattern.nodes.length === 1 ? pattern.literals : identifiersOf(pattern.nodes[0]);
    for (const lit of first) {
      const at = ctx.words?.known(lit);
      if (at && (!rare || at.length < rare.at.length)) rare = { at, length: lit.length };
    }
    return findStructural(pattern, ctx.byNormType, masked, within, rare).map((m) => ({ ...m }));
  },
  need: ({ pattern }) => {
    const words = { all: pattern.literals, any: [] };
    const one = pattern.nodes.length === 1;
    // A pattern without identifiers (`return 0;`) can be in any body.
    return {
      words,
      oneItem: one,
      oneStatement: one && !spansStatements(pattern.nodes[0]),
      body: pattern.literals.length ? { words: [words], defs: [], scopes: [] } : undefined,
    };
  },
  source: ({ pattern }) => pattern.source,
  // The pattern's identifiers that no longer appear in the file, with the closest that do.
  driftHints: (ctx, { pattern }) => {
    const idents = new Set<string>();
    for (const n of ctx.byNormType.get('identifier') ?? []) idents.add(ctx.src.masked.slice(n.start, n.end));
    return pattern.literals
      .filter((l) => !idents.has(l))
      .map((l) => {
        const close = similarNames(l, idents);
        return `'${l}' no longer appears in the file${close.length ? `; similar: ${close.join(', ')}` : ''}`;
      });
  },
});
