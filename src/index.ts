/** xenport as a library: load rules, port a Linux file, format results. */
export { port } from './port';
export type { PortOptions, PortResult, PortReport, NamedText } from './port';
export { loadRuleSet, parseRuleFile } from './rules';
export type { RuleSet, Rule } from './rules/types';
export { formatDiagnostic } from './diagnostics';
export type { Diagnostic } from './diagnostics';
export { main } from './cli/main';
