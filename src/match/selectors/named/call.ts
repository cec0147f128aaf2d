/** `call:`: top-level macro statements (`module_exit(...);`) by macro name. */
import { childByField } from '../../flat';
import type { FNode } from '../../flat';
import { atTopLevel } from '../../named';
import { namedKind } from './kind';

/** The identifier a top-level macro statement calls: `module_exit(f);` gives `module_exit`. */
function macroStatementName(n: FNode, text: string): string | undefined {
  const call = n.children.find((c) => c.type === 'call_expression');
  const fn = call && childByField(call, 'function');
  return fn?.type === 'identifier' ? text.slice(fn.start, fn.end) : undefined;
}

/** The `call:` selector. */
export const CALL = namedKind({
  key: 'call',
  description: 'Selector: top-level macro statements by macro name (module_exit(...);, MODULE_LICENSE(...);).',
  doc: 'top-level macro statements by macro name: `module_exit(...);`, `MODULE_LICENSE(...);`',
  where: 'top-level',
  items: (tree, text) =>
    (tree.byType.get('expression_statement') ?? [])
      .filter(atTopLevel)
      .map((node) => ({ node, name: macroStatementName(node, text) ?? '' }))
      .filter((i) => i.name),
});
