/**
 * Rules stage: load a port's YAML rules, validate them against the published schemas and compile
 * them into typed rules for the matcher and the edit builders.
 */
export { loadRuleSet, memoized, pruning, ruleFileMemo } from './load';
export type { RuleFileMemo } from './load';
export { parseRuleFile } from './rule-file';
export { readBlockFiles } from './block-files';
export type { BlockFile } from './block-files';
export { parsePortManifest } from './manifest';
export type { PortManifest, ManifestEntry } from './manifest';
export type * from './types';
