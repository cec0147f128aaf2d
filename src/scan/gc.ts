/**
 * Forced garbage collection between files. tree-sitter trees hold native memory that V8 does not
 * count, so V8 sees no pressure and keeps dead trees alive; collecting after a budget of parsed
 * lines bounds the memory of a scan whatever the size of the tree.
 */
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/** Lines parsed between two collections (about 20 MB of trees and flat copies). */
export const GC_EVERY_LINES = 40_000;

/** A counter that runs a full collection each time `GC_EVERY_LINES` lines have been parsed. */
export function collector(every = GC_EVERY_LINES): { parsed(lines: number): void } {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
  let since = 0;
  return {
    parsed(lines: number): void {
      since += lines;
      if (since < every || !gc) return;
      since = 0;
      gc();
    },
  };
}
