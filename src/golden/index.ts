/** Golden tests: case manifests and the runner behind `xenport test`. */
export { runGolden } from './run';
export { readCases, discoverCases, externalCorpus } from './cases';
export { runRuleTests } from './rule-test-run';
export { readRuleTest, discoverRuleTests } from './rule-tests';
export type { GoldenCase } from './cases';
