/**
 * The one place edits are applied, with magic-string. Edits arrive sorted and free of overlaps;
 * insertions at one offset are joined in order so magic-string never has to split an edited chunk.
 */
import MagicString from 'magic-string';
import { Edit } from './types';

/** Apply resolved edits; `blockText` gives each block's content (placeholders are kept when it returns undefined). */
export function applyEdits(text: string, edits: readonly Edit[], blockText: (name: string) => string | undefined): string {
  const ms = new MagicString(text);
  const inserts = new Map<number, string>();
  const render = (e: Edit): string => (e.block !== undefined ? blockText(e.block) ?? e.text : e.text);
  for (const e of edits) {
    if (e.start === e.end) {
      inserts.set(e.start, (inserts.get(e.start) ?? '') + render(e));
    } else if (render(e) === '') {
      ms.remove(e.start, e.end);
    } else {
      ms.update(e.start, e.end, render(e));
    }
  }
  for (const [at, s] of inserts) {
    if (at >= text.length) ms.append(s);
    else ms.appendLeft(at, s);
  }
  return ms.toString();
}
