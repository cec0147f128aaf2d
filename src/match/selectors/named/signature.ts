/** `signature:`: the header of function definitions by name, up to the end of the parameter list. */
import { childByField } from '../../flat';
import { FUNCTION } from './function';
import { namedKind } from './kind';

/** The `signature:` selector. */
export const SIGNATURE = namedKind({
  key: 'signature',
  description:
    'Selector: the header of function definitions by name (return type, name and parameters, up to the body), to change a signature with replace.',
  doc: 'a function\'s header by name, from its first token to the end of its parameter list (see "signature")',
  inItems: false,
  where: 'function',
  items: FUNCTION.items,
  range: (node) => {
    const d = childByField(node, 'declarator');
    return { start: node.start, end: d ? d.end : node.end };
  },
});
