/** `declaration:`: top-level declarations by declarator name. */
import { atTopLevel, declaratorName } from '../../named';
import { namedKind } from './kind';

/** The `declaration:` selector. */
export const DECLARATION = namedKind({
  key: 'declaration',
  description: 'Selector: top-level declarations by declarator name.',
  doc: 'top-level declarations by declarator name, e.g. a `static const struct ... ops = {...};`',
  where: 'top-level',
  items: (tree, text) =>
    (tree.byType.get('declaration') ?? [])
      .filter(atTopLevel)
      .flatMap((node) =>
        node.children
          .filter((c) => c.field === 'declarator')
          .map((d) => ({ node, name: declaratorName(d, text) ?? '' })),
      )
      .filter((i) => i.name),
});
