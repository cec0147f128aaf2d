/** Emit stage: atomic writes, unified diffs, where output lines came from, and the formatters of every output. */
export { writeAtomic } from './write';
export type { WriteFs } from './write';
export { unifiedDiff } from './unified-diff';
export { annotate, describeOrigin, lineOrigins, matchPositions, outputOffset, outputRange } from './annotate';
export type { LineOrigin } from './annotate';
export * from './format';
