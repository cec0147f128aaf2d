/**
 * The formatters: one module per output format (text.ts, json.ts) rendering the typed results of
 * the commands (results.ts). `formatFor` picks the one a command line asks for.
 */
import { portJson, rulesCheckJson, scanJson } from './json';
import type { Chunk, PortOutcome, RulesCheckResult, ScanResult, Verbosity } from './results';
import { portText, rulesCheckText, scanText } from './text';

export * from './results';
export * from './text';
export * from './json';

/** A format of the results that both formats render. */
export interface Formatter {
  port(o: PortOutcome, v: Verbosity): Chunk[];
  rulesCheck(r: RulesCheckResult): Chunk[];
  scan(r: ScanResult, v: Pick<Verbosity, 'quiet'>): Chunk[];
}

/** The text format. */
export const TEXT: Formatter = { port: portText, rulesCheck: rulesCheckText, scan: scanText };

/** The JSON format (`--json`): verbosity does not apply. */
export const JSON_FORMAT: Formatter = { port: portJson, rulesCheck: rulesCheckJson, scan: scanJson };

/** The formatter for `--json` (true) or text. */
export const formatFor = (json: boolean): Formatter => (json ? JSON_FORMAT : TEXT);
