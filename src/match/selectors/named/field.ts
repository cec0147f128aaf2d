/** `field:`: struct fields by name. */
import { declaratorName } from '../../named';
import { namedKind } from './kind';

/** The `field:` selector. */
export const FIELD = namedKind({
  key: 'field',
  description: 'Selector: struct fields by name (use with scope: { struct: ... }).',
  doc: 'struct fields by name (use with `scope: { struct: ... }`)',
  items: (tree, text) =>
    (tree.byType.get('field_declaration') ?? [])
      .flatMap((node) =>
        node.children
          .filter((c) => c.field === 'declarator')
          .map((d) => ({ node, name: declaratorName(d, text) ?? '' })),
      )
      .filter((i) => i.name),
});
