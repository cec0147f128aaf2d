/** `label:`: labelled statements by label name. */
import { childByField } from '../../flat';
import { namedKind } from './kind';

/** The `label:` selector. */
export const LABEL = namedKind({
  key: 'label',
  description: 'Selector: labelled statements by label name (the label and its statement).',
  doc: 'labelled statements by label name (the label and its statement)',
  items: (tree, text) =>
    (tree.byType.get('labeled_statement') ?? []).flatMap((node) => {
      const l = childByField(node, 'label');
      return l ? [{ node, name: text.slice(l.start, l.end) }] : [];
    }),
});
