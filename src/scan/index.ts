/**
 * Scan stage: every match of every rule over a tree of C files, without writing anything. A
 * literal prefilter keeps files that cannot match from being parsed; the work is spread over
 * worker threads; memory stays bounded because trees are released as the scan goes.
 */
export { listFiles, DEFAULT_EXTENSIONS } from './files';
export type { FileList } from './files';
export { loadScanRules } from './rules';
export type { ScanRules } from './rules';
export { Prefilter } from './prefilter';
export { scanFile, scanText, MAX_SCAN_BYTES } from './file-scan';
export type { FileOutcome, ScanHit } from './file-scan';
export { runScan, jobsFor } from './pool';
export type { PoolOptions } from './pool';
export { summarize } from './summary';
export type { ScanSummary, RuleSummary } from './summary';
