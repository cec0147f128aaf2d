/** Blocks stage: Xen-owned text carried over from the existing Xen file. */
export { carryBlocks, splitLines } from './carry';
export type { Carried, Unaccounted } from './carry';
export { amendBlocks, checkCarriedAmendments } from './amend';
export type { Amendment, AmendmentCheck } from './amend';
export { deriveSplitBlocks, predatesSplit } from './split';
export { reportUnaccounted } from './unaccounted';
