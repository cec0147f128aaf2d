/** `struct:`: struct definitions by tag name. */
import { childByField } from '../../flat';
import { tagDefinitionRange } from '../../named';
import { namedKind } from './kind';

/** The `struct:` selector. */
export const STRUCT = namedKind({
  key: 'struct',
  description: 'Selector: struct definitions by tag name (the definition including its ;).',
  doc: 'struct definitions by tag name (the definition including its `;`)',
  where: 'struct',
  items: (tree, text) =>
    (tree.byType.get('struct_specifier') ?? []).flatMap((node) => {
      const name = childByField(node, 'name');
      return name && childByField(node, 'body') ? [{ node, name: text.slice(name.start, name.end) }] : [];
    }),
  range: tagDefinitionRange,
});
