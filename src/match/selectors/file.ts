/** `file:`: the start or the end of the file, an anchor for `insert`. */
import type { ParsedSource } from '../../parse';
import { selector, SelectorRefusal } from './types';
import { choice } from './value';

/**
 * Where the unfinished construct at the end of the file starts, if the file ends inside one: an
 * ERROR or MISSING node on the rightmost path of the tree (`MODULE_DESCRIPTION(` cut off at EOF).
 */
function unfinishedEnd(src: ParsedSource): number | undefined {
  if (!src.tree.rootNode.hasError) return undefined;
  for (let n = src.tree.rootNode.lastChild; n; n = n.lastChild) {
    if (n.type === 'ERROR' || n.isMissing) return n.startIndex;
    if (!n.hasError) return undefined;
  }
  return undefined;
}

/** The `file:` selector. */
export const FILE = selector<'start' | 'end', { type: 'file'; where: 'start' | 'end' }>({
  key: 'file',
  value: choice('Selector (insert only): the start or the end of the file.', ['start', 'end']),
  doc: '`start` or `end` of the file, an anchor',
  kinds: ['insert'],
  noScope: true,
  owns: (sel) => sel.type === 'file',
  compile: (v) => ({ select: { type: 'file', where: v }, bound: [], diagnostics: [] }),
  find: (ctx, sel) => {
    const { text } = ctx.src;
    if (sel.where === 'end') {
      const open = unfinishedEnd(ctx.src);
      // Text appended after an unfinished construct would become part of it (found by fuzzing).
      if (open !== undefined)
        throw new SelectorRefusal(
          'XP205',
          'the file ends inside an unfinished construct (a syntax error reaches the end of the file); text inserted at the end would be swallowed by it',
          open,
        );
    }
    // The start of the file is after a UTF-8 byte order mark, which must stay the first character.
    const at = sel.where === 'start' ? (text.startsWith('\uFEFF') ? 1 : 0) : text.length;
    return [{ start: at, end: at, nodes: [], captures: new Map() }];
  },
  // A file anchor needs no body and no word.
  need: () => ({
    words: { all: [], any: [] },
    oneItem: false,
    oneStatement: false,
    body: { words: [], defs: [], scopes: [] },
  }),
  everyFile: (sel) => `anchored on the file ${sel.where}: matches every file`,
});
