/** `enum:`: enum definitions by tag name (the definition including its `;`). */
import { childByField } from '../../flat';
import { nodeRange, tagDefinitionRange } from '../../named';
import { namedKind } from './kind';

/** The `enum:` selector. */
export const ENUM = namedKind({
  key: 'enum',
  description: 'Selector: enum definitions by tag name (the definition including its ;).',
  doc: 'enum definitions by tag name (the definition including its `;`)',
  items: (tree, text) =>
    (tree.byType.get('enum_specifier') ?? []).flatMap((node) => {
      const name = childByField(node, 'name');
      return name && childByField(node, 'body') ? [{ node, name: text.slice(name.start, name.end) }] : [];
    }),
  // `typedef enum e { ... } e_t;` is selected whole: the typedef without its enum would not compile.
  range: (node, text) => (node.parent?.type === 'type_definition' ? nodeRange(node.parent, text) : tagDefinitionRange(node, text)),
});
