/**
 * Rules stage: load a port's YAML rules, validate them against the published schemas and compile
 * them into typed rules for the matcher and the edit builders.
 */
export { loadRuleSet } from './load';
export { memoized, pruning, ruleFileMemo } from './memo';
export type { RuleFileMemo } from './memo';
export { parseRuleFile } from './rule-file';
export { numberRules } from './order';
export { readBlockFiles } from './block-files';
export type { BlockFile } from './block-files';
export { parsePortManifest } from './manifest';
export type { PortManifest, ManifestEntry } from './manifest';
export type * from './types';
