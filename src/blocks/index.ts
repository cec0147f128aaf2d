/** Blocks stage: Xen-owned text carried over from the existing Xen file. */
export { carryBlocks, splitLines } from './carry';
export type { Carried, Unaccounted } from './carry';
export { amendBlocks } from './amend';
export type { Amendment } from './amend';
export { deriveSplitBlocks, predatesSplit } from './split';
