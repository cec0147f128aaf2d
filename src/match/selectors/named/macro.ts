/** `macro:`: `#define` lines by macro name. */
import { childByField } from '../../flat';
import type { FNode } from '../../flat';
import { namedKind } from './kind';

/** The `macro:` selector. */
export const MACRO = namedKind({
  key: 'macro',
  description: 'Selector: #define lines by macro name.',
  doc: '`#define` lines by macro name',
  items: (tree, text) => {
    const out: Array<{ node: FNode; name: string }> = [];
    for (const t of ['preproc_def', 'preproc_function_def']) {
      for (const node of tree.byType.get(t) ?? []) {
        const name = childByField(node, 'name');
        if (name) out.push({ node, name: text.slice(name.start, name.end) });
      }
    }
    return out.sort((a, b) => a.node.start - b.node.start);
  },
});
