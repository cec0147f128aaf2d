/** Golden tests: case manifests and the runner behind `xenport test`. */
export { runGolden } from './run';
export { readCases, discoverCases, externalCorpus } from './cases';
export type { GoldenCase } from './cases';
