/** Emit stage: atomic writes, unified diffs, and the report in human and JSON form. */
export { writeAtomic } from './write';
export type { WriteFs } from './write';
export { unifiedDiff } from './unified-diff';
export { formatReport, formatDiagnostics, jsonResult } from './report';
export { annotate, describeOrigin, lineOrigins, matchPositions, outputOffset, outputRange } from './annotate';
export type { LineOrigin } from './annotate';
