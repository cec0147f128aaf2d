/**
 * Two generations of a map, the eviction of the memos a long-running process keeps between ports
 * (`xenport watch`, `xenport serve`: src/match/memo.ts, src/port/parse-memo.ts): what this port
 * used or made, and what the last one did. An entry neither port used is dropped by `next()`.
 */
export class Generations<K, V> {
  private last = new Map<K, V>();
  private now = new Map<K, V>();
  /** The entry of `k`, kept for the next port. */
  get(k: K): V | undefined {
    let v = this.now.get(k);
    if (v === undefined && (v = this.last.get(k)) !== undefined) this.now.set(k, v);
    return v;
  }
  set(k: K, v: V): void {
    this.now.set(k, v);
  }
  /** Every entry kept (one may be listed twice). */
  *values(): IterableIterator<V> {
    yield* this.last.values();
    yield* this.now.values();
  }
  /** Start the next port: what the port before the one just finished used, and this one did not, goes. */
  next(): void {
    this.last = this.now;
    this.now = new Map();
  }
}
