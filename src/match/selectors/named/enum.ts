/**
 * `enum:`: enum definitions by tag name, with their `;`. A `typedef enum e { ... } e_t;` or an
 * `enum e { ... } var;` is selected whole: the typedef or declaration without its enum would not
 * compile.
 */
import { childByField } from '../../flat';
import { tagDefinitionRange } from '../../named';
import { namedKind } from './kind';

/** The `enum:` selector. */
export const ENUM = namedKind({
  key: 'enum',
  description: 'Selector: enum definitions by tag name (the definition including its ;).',
  doc: 'enum definitions by tag name (the definition including its `;`; a `typedef` or declaration of the enum whole)',
  items: (tree, text) =>
    (tree.byType.get('enum_specifier') ?? []).flatMap((node) => {
      const name = childByField(node, 'name');
      if (!name || !childByField(node, 'body')) return [];
      const whole = node.parent && (node.parent.type === 'type_definition' || node.parent.type === 'declaration') ? node.parent : node;
      return [{ node: whole, name: text.slice(name.start, name.end) }];
    }),
  range: tagDefinitionRange,
});
