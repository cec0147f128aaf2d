/** `include:`: `#include` lines by path glob. */
import type { FNode } from '../flat';
import { compileGlob } from '../glob';
import { withoutNewline } from '../named';
import { selector } from './types';
import { nameList, names } from './value';

/** The header path of an `#include` node: `linux/io.h` for `<linux/io.h>` or `"linux/io.h"`. */
export function includePath(n: FNode, text: string): string | undefined {
  const p = n.children.find((c) => c.field === 'path');
  return p ? text.slice(p.start + 1, p.end - 1) : undefined;
}

/** The `include:` selector. */
export const INCLUDE = selector<string | string[], { type: 'include'; globs: string[] }>({
  key: 'include',
  value: names('Selector: #include lines by path glob (linux/*, asm/pgalloc.h); * does not cross /, ** does.'),
  doc: '`#include` lines by path glob: `linux/*`, `asm/pgalloc.h` (`*` does not cross `/`, `**` does)',
  owns: (sel) => sel.type === 'include',
  compile: (v) => ({ select: { type: 'include', globs: nameList(v) }, bound: [], diagnostics: [] }),
  find: (ctx, sel) => {
    const { text } = ctx.src;
    const res = sel.globs.map(compileGlob);
    return (ctx.flat.byType.get('preproc_include') ?? [])
      .filter((n) => {
        const p = includePath(n, text);
        return p !== undefined && res.some((r) => r.test(p));
      })
      .map((n) => ({
        start: n.start,
        end: withoutNewline(text, n.start, n.end),
        nodes: [n],
        captures: new Map(),
        name: includePath(n, text),
      }));
  },
  need: () => {
    const words = { all: ['#include'], any: [] };
    return { words, oneItem: false, oneStatement: false, body: { words: [words], defs: [], scopes: [] } };
  },
});
