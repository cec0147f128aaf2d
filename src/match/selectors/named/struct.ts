/** `struct:`: struct definitions by tag name. */
import { tagDefinitionRange, tagDefinitions } from '../../named';
import { namedKind } from './kind';

/** The `struct:` selector. */
export const STRUCT = namedKind({
  key: 'struct',
  description: 'Selector: struct definitions by tag name (the definition including its ;).',
  doc: 'struct definitions by tag name (the definition including its `;`)',
  where: 'struct',
  items: (tree, text) => tagDefinitions(tree, 'struct_specifier', text),
  range: tagDefinitionRange,
});
