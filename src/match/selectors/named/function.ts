/** `function:`: function definitions by name. */
import { functionName } from '../../named';
import { namedKind } from './kind';

/** The `function:` selector. */
export const FUNCTION = namedKind({
  key: 'function',
  description: 'Selector: function definitions by name (a name or a list; every name must be found).',
  doc: 'function definitions by name (a name or a list; every name must be found)',
  where: 'function',
  items: (tree, text) =>
    (tree.byType.get('function_definition') ?? [])
      .map((node) => ({ node, name: functionName(node, text) ?? '' }))
      .filter((i) => i.name),
});
