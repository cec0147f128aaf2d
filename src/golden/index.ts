/** Golden tests: the case manifests (the runner is the `xenport test` command, src/cli/test-command.ts). */
export { readCases, discoverCases, externalCorpus } from './cases';
export type { GoldenCase } from './cases';
