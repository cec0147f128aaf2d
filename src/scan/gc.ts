/**
 * Forced garbage collection between files. tree-sitter trees hold native memory that V8 does not
 * count, so V8 sees no pressure and keeps dead trees alive; collecting after a budget of parsed
 * source bounds the memory of a scan whatever the size of the tree. A collection only finds the
 * dead trees: node-tree-sitter frees them in finalizers that Node runs on a later turn of the event
 * loop, so a scan must yield (`await`) after each collection, or no tree is ever freed until it
 * ends (a synchronous loop over 2,000 files grew to 400 MB; yielding keeps it near 130 MB).
 */
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/** Budget between two collections, in bytes of source (see `costOf`): about 10,000 parsed lines of C. */
export const GC_EVERY_CHARS = 1_000_000;

/**
 * What handling a file costs the budget: the bytes it left outside V8's heap (`bytes`: read past
 * the prefilter, the code map and shaping work in typed arrays), plus twice the bytes it parsed
 * (the tree and the flat copy weigh several times their text; a scan parses only the segments that
 * can hold a match, `lines` of them, at about 30 bytes a line). A small file the prefilter stopped
 * costs nothing: it left only small strings in V8's heap, which V8 collects on its own (file-scan.ts
 * reads every file into one buffer per thread; a large one, in pieces, costs its size).
 */
export function costOf(o: { status: string; bytes?: number; lines: number }): number {
  const bytes = o.bytes ?? 0;
  return o.status === 'parsed' ? bytes + 2 * Math.min(bytes, o.lines * 30) : bytes;
}

/** A budget counter: `add` returns a promise to await, resolved after a collection when the budget is spent. */
export interface Collector {
  /** Count `cost` (see `costOf`); await the result before the next file. */
  add(cost: number): Promise<void> | undefined;
}

/** A counter that runs a full collection, then yields to the event loop, each time `every` was spent. */
export function collector(every = GC_EVERY_CHARS): Collector {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
  let since = 0;
  return {
    add(cost: number): Promise<void> | undefined {
      since += cost;
      if (since < every || !gc) return undefined;
      since = 0;
      gc();
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}
