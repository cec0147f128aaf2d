/**
 * The keys that several rule kinds take, each declared once (a key of one kind is declared by its
 * module).
 */
import { BLOCK_NAME, flag, key, text } from '../../match/selectors/value';

/** `block:` of replace and insert. */
export const BLOCK_KEY = key(
  text('replace/insert: name of a Xen-owned block (blocks/<name>.<ext>) used instead of with/text.', {
    minLength: 0,
    pattern: BLOCK_NAME,
  }),
  'a Xen-owned block used instead of `with` / `text` (see "Blocks")',
  'a block name (letters, digits, `_`, `.`, `-`)',
);

/** `with-comment:` of delete, disable and guard. */
export const WITH_COMMENT_KEY = key(
  flag(
    'disable/delete/guard: also take the comment directly above each item (default true for disable and guard, false for delete).',
  ),
  'also take the comment directly above each item',
);
