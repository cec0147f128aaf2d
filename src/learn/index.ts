/**
 * Learn stage: the rule set of an existing hand port (`learn`), rules for Xen-only edits of a
 * generated file (`adopt`), rendered as a port folder and written atomically.
 */
export { learn, matchedShare, MIN_MATCHED, withCounts } from './learn';
export type { Learned } from './learn';
export { adopt, manifestWithAdopted } from './adopt';
export type { Adopted } from './adopt';
export { renderPort, renderRuleFile } from './render';
export { writeFolder, addFiles } from './write-folder';
export type { Proposal } from './proposal';
export { coveredBy, libraryGroups } from './library';
export type { LibraryGroup } from './library';
export type { Structure } from './structure';
export { buildStructure } from './structure';
