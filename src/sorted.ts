/**
 * Binary searches over ascending arrays of numbers (offsets, starts and ends of ranges), shared by
 * every stage that looks up a position among sorted ones.
 */

/** How many of the ascending `sorted` are below `x`: the index of the first at or above it. */
export function countBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the ascending `sorted` are at most `x`: the index of the first above it. */
export function countAtMost(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of `items` (ascending by `start`) start below `x`: the index of the first starting at or after it. */
export function countStartsBelow(items: ArrayLike<{ start: number }>, x: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
