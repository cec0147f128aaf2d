/**
 * Reading the block files of a rule set (`<name>.<ext>` in each loaded folder's `blocks/`). Each file
 * goes through the checks of read-checked.ts: it must resolve, after symlinks, inside one of the
 * rule set's folders (a link out of the tree would put its target's content in the output), be a
 * regular file within the size limit, and be strict UTF-8 (a bad byte is refused like the same
 * byte in an input, never turned into U+FFFD). Every refusal is a diagnostic; nothing throws.
 */
import * as path from 'path';
import type { Diagnostic } from '../diagnostics';
import { diag } from '../diagnostics';
import { canonical, exists, isDirectory, joinDisplay, listFolder, resolvesInside } from './files';
import { readConfined } from './read-checked';

/** A block's text and the file it was read from. */
export interface BlockFile {
  text: string;
  file: string;
}

/**
 * Read every block file of `dirs` (the rule set's `blockDirs`, nearest folder first; a name found
 * twice is taken from the first). The folders trusted are the ones that hold the `blocks/` folders.
 */
export function readBlockFiles(dirs: readonly string[]): { blocks: Map<string, BlockFile>; diagnostics: Diagnostic[] } {
  const roots = dirs.map((d) => canonical(path.dirname(d)));
  const blocks = new Map<string, BlockFile>();
  const diagnostics: Diagnostic[] = [];
  for (const dir of dirs) {
    if (!exists(dir)) continue;
    const at = { location: { file: dir, line: 1, col: 1 } };
    if (resolvesInside(dir, roots) === false) {
      diagnostics.push(diag('XP120', `blocks folder ${dir} resolves outside the port's folders; it is not read`, at));
      continue;
    }
    if (!isDirectory(dir)) {
      diagnostics.push(diag('XP121', `${dir} is not a folder of block files`, at));
      continue;
    }
    let names: string[];
    try {
      names = listFolder(dir);
    } catch (e) {
      diagnostics.push(
        diag('XP008', `cannot read blocks folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, at),
      );
      continue;
    }
    for (const n of names) {
      const name = n.replace(/\.[^.]*$/, '');
      const file = joinDisplay(dir, n);
      if (blocks.has(name) || isDirectory(file)) continue;
      const r = readConfined(file, 'block file', roots, { file, line: 1, col: 1 }, `in ${dir}`);
      if (r.ok) blocks.set(name, { text: r.text, file });
      else diagnostics.push(r.diagnostic);
    }
  }
  return { blocks, diagnostics };
}
