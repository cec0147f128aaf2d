/**
 * `enum:`: enum definitions by tag name, with their `;`. A `typedef enum e { ... } e_t;` or an
 * `enum e { ... } var;` is selected whole: the typedef or declaration without its enum would not
 * compile.
 */
import { tagDefinitionRange, tagDefinitions } from '../../named';
import { namedKind } from './kind';

/** The `enum:` selector. */
export const ENUM = namedKind({
  key: 'enum',
  description: 'Selector: enum definitions by tag name (the definition including its ;).',
  doc: 'enum definitions by tag name (the definition including its `;`; a `typedef` or declaration of the enum whole)',
  items: (tree, text) =>
    tagDefinitions(tree, 'enum_specifier', text).map(({ node, name }) => {
      const whole =
        node.parent && (node.parent.type === 'type_definition' || node.parent.type === 'declaration')
          ? node.parent
          : node;
      return { node: whole, name };
    }),
  range: tagDefinitionRange,
});
