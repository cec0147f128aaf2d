/**
 * The diagnostic catalog: every message xenport can print, with a stable code, a severity and a
 * one-line hint on how to fix it. Other stages create diagnostics only through `diag()`, so that
 * docs/diagnostics.md and the tests can enumerate them.
 */

import { capMessage } from './excerpt';

/** How bad a diagnostic is. Errors stop the write (unless --force); warnings and infos never do. */
export type Severity = 'error' | 'warning' | 'info';

/** One catalog entry: default severity, a short title and how to fix it. */
export interface CatalogEntry {
  severity: Severity;
  title: string;
  fix: string;
}

/** All diagnostic codes. Codes are stable: never renumber, only add. */
export const CATALOG = {
  // Input files
  XP001: { severity: 'error', title: 'input file not found', fix: 'Check the path; xenport reads one Linux C file.' },
  XP002: {
    severity: 'error',
    title: 'input is not a regular file',
    fix: 'Pass a C file, not a folder, FIFO or device.',
  },
  XP003: { severity: 'error', title: 'input is empty', fix: 'Pass a non-empty C source file.' },
  XP004: {
    severity: 'error',
    title: 'input is binary or not UTF-8',
    fix: 'xenport reads UTF-8 C source; convert the file or pass the right one.',
  },
  XP005: {
    severity: 'error',
    title: 'input does not look like C',
    fix: 'Most of the file failed to parse as C; pass a C source file.',
  },
  XP006: {
    severity: 'error',
    title: 'input too large',
    fix: 'xenport ports one driver at a time; files above the size limit are refused.',
  },
  XP007: {
    severity: 'warning',
    title: 'syntax error region',
    fix: 'tree-sitter could not parse this region; rules cannot match inside it. Often a kernel macro; see docs/rules.md.',
  },
  XP008: { severity: 'error', title: 'cannot read file', fix: 'Check the file permissions.' },
  XP009: {
    severity: 'error',
    title: 'invalid checks file',
    fix: 'Fix the build/boot results file given to xenport report --checks; its format is in docs/REVIEW.md.',
  },
  // Rules
  XP100: {
    severity: 'error',
    title: 'rules folder not found',
    fix: 'Pass --rules <port-dir>, a folder holding port.yaml.',
  },
  XP101: {
    severity: 'error',
    title: 'port manifest missing',
    fix: 'A port folder needs a port.yaml listing its rule files.',
  },
  XP102: { severity: 'error', title: 'malformed YAML', fix: 'Fix the YAML syntax at the given position.' },
  XP103: {
    severity: 'error',
    title: 'unknown key',
    fix: 'Remove or rename the key; see docs/rules.md for the keys each rule kind accepts.',
  },
  XP104: {
    severity: 'error',
    title: 'unknown rule kind',
    fix: 'Use one of: replace, delete, disable, insert, includes.',
  },
  XP105: {
    severity: 'error',
    title: 'invalid rule',
    fix: 'The value does not fit the rule schema (schema/rules.schema.json).',
  },
  XP106: {
    severity: 'error',
    title: 'pattern does not parse as C',
    fix: 'Write the pattern as a C expression, statement(s), declaration or definition.',
  },
  XP107: {
    severity: 'error',
    title: 'unbound metavariable in template',
    fix: 'A template may only use metavariables that its pattern binds.',
  },
  XP108: {
    severity: 'error',
    title: 'duplicate rule id',
    fix: 'Rule ids must be unique within a port, including included folders.',
  },
  XP109: {
    severity: 'error',
    title: 'rule file not found',
    fix: 'Fix the path in port.yaml (paths are relative to the port folder).',
  },
  XP110: { severity: 'error', title: 'invalid tree-sitter query', fix: 'Fix the query; it must capture @target.' },
  XP111: {
    severity: 'error',
    title: 'block file not found',
    fix: 'Add rules/<port>/blocks/<name>.<ext> or pass --xen with an existing Xen file that holds the block.',
  },
  XP112: { severity: 'error', title: 'include cycle', fix: 'A port folder includes itself through its includes.' },
  XP113: {
    severity: 'error',
    title: 'included folder has conflicting files:',
    fix: 'A folder included at the same distance from the port by two entries gets files: from both; give them the same files: or include it directly with the files: it needs.',
  },
  XP120: {
    severity: 'error',
    title: 'path outside the port folders',
    fix: 'Rule and block files must lie, after symlinks, in the port folder or a folder its manifest includes; move the file there.',
  },
  XP121: {
    severity: 'error',
    title: 'not a regular file',
    fix: 'A rule or block file must be a regular file (not a FIFO, socket, device or dangling symbolic link).',
  },
  XP122: {
    severity: 'error',
    title: 'rule or block file too large',
    fix: 'Rule, manifest and block files are limited to 1 MiB; split the file.',
  },
  XP114: {
    severity: 'warning',
    title: 'change without a reason',
    fix: "Add reason: to the rule (why Xen differs), or put 'reasons: optional' in the port.yaml.",
  },
  // Matching and edits
  XP200: {
    severity: 'error',
    title: 'drift: rule matched an unexpected number of times',
    fix: 'The Linux code changed; update the rule or its expect count.',
  },
  XP201: {
    severity: 'error',
    title: 'overlapping edits',
    fix: 'Two rules edit the same text; narrow one of them or merge them.',
  },
  XP202: {
    severity: 'info',
    title: 'edit inside a disabled region not applied',
    fix: 'Linux text inside #if 0 stays verbatim; nothing to do.',
  },
  XP203: {
    severity: 'error',
    title: 'type of a metavariable cannot be determined',
    fix: 'Declare the variable with a plain type, or write the type in the rule.',
  },
  XP204: {
    severity: 'warning',
    title: 'output has new syntax errors',
    fix: 'A template or block produced C that does not parse; check the rule output.',
  },
  XP205: {
    severity: 'error',
    title: 'anchor not usable',
    fix: 'The anchor does not start or end a line; anchor on a statement or top-level item.',
  },
  XP206: {
    severity: 'warning',
    title: 'edits swallowed by another rule',
    fix: "Narrow one of the two rules, or add 'swallowed: expected' to the rule whose edits are dropped.",
  },
  XP210: {
    severity: 'error',
    title: 'pattern too costly to match',
    fix: 'Matching the pattern took more than its step budget: write fewer $$$ in one list, or narrow the rule with a scope.',
  },
  XP211: {
    severity: 'error',
    title: 'rule output too large',
    fix: 'A template expands past 16 Mi characters, or the edits together past 64 Mi: use fewer metavariables in the template, or narrow the rule.',
  },
  XP212: {
    severity: 'warning',
    title: 'match inside a #define body not edited',
    fix: 'Only a one-line replace without a reason comment of its own lines edits inside a macro body; port this one by hand.',
  },
  // Xen-owned text
  XP300: {
    severity: 'error',
    title: 'text in the existing Xen file not accounted for',
    fix: 'Turn the hand edit into a rule or block, or pass --drop-hand-edits to accept losing it.',
  },
  XP301: {
    severity: 'warning',
    title: 'block not found in the existing Xen file',
    fix: 'The block was taken from rules/<port>/blocks/ instead.',
  },
  XP302: { severity: 'error', title: 'existing Xen file unreadable', fix: 'Check the --xen / --base paths.' },
  XP303: {
    severity: 'error',
    title: 'split block cannot be derived',
    fix: 'A block of split: blocks: in port.yaml names an item or block that the existing Xen file of before the split does not have once; fix the name.',
  },
  XP310: {
    severity: 'error',
    title: 'most of the existing Xen file is unaccounted for',
    fix: 'Check --base: it must name the Linux file the existing Xen file was generated from; only the first lines are listed.',
  },
  // Output
  XP400: {
    severity: 'error',
    title: 'output not writable',
    fix: 'Check that the output folder exists and is writable, and that -o names a regular file that is not an input (-o - prints).',
  },
  XP401: {
    severity: 'error',
    title: 'output differs (--check)',
    fix: 'Regenerate the file with xenport port, or fix the rules.',
  },
  XP402: {
    severity: 'error',
    title: 'output file not found (--check)',
    fix: 'Generate the file first, or pass -o with the right path.',
  },
  // Golden tests
  XP500: {
    severity: 'error',
    title: 'golden mismatch',
    fix: 'Fix the rules or engine; run xenport test --update only if the new output is right.',
  },
  XP501: {
    severity: 'error',
    title: 'golden missing',
    fix: 'Create it with xenport test --update (refused under CI=true).',
  },
  XP502: {
    severity: 'error',
    title: 'invalid golden case',
    fix: 'A case folder needs case.yaml naming input, rules and expected output.',
  },
  // Learning rules (xenport learn)
  XP600: {
    severity: 'error',
    title: 'not a port of this Linux file',
    fix: 'Pass the Linux file the Xen file was ported from, and its Xen port.',
  },
  XP601: { severity: 'error', title: 'port folder exists', fix: 'Pass another -o folder, or --force to replace it.' },
  XP602: {
    severity: 'error',
    title: 'learned rules do not reproduce the Xen file',
    fix: 'The lines named are not reproduced by any rule learning tried; write rules for them by hand.',
  },
} as const satisfies Record<string, CatalogEntry>;

/** A catalog code such as `XP200`. */
export type Code = keyof typeof CATALOG;

/** A position in a file, 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  col: number;
}

/** One diagnostic, printed as `file:line:col: severity CODE: message [rule-id]`. */
export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  location?: Location;
  ruleId?: string;
  hint?: string;
  /** A syntax-error warning (XP007) the port's manifest acknowledges: not printed on a passing run. */
  acknowledged?: boolean;
}

/** Create a diagnostic from the catalog; `severity` overrides the default only where a caller must. */
export function diag(
  code: Code,
  message: string,
  opts: { location?: Location; ruleId?: string; hint?: string; severity?: Severity } = {},
): Diagnostic {
  return {
    code,
    severity: opts.severity ?? CATALOG[code].severity,
    message: capMessage(message),
    ...(opts.location ? { location: opts.location } : {}),
    ...(opts.ruleId ? { ruleId: opts.ruleId } : {}),
    ...(opts.hint ? { hint: opts.hint } : {}),
  };
}

/** Format a diagnostic in GCC style so that editors can jump to it. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.col}: ` : '';
  const rule = d.ruleId ? ` [${d.ruleId}]` : '';
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}${rule}${hint}`;
}

/** True when any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** An error that carries diagnostics up to the CLI, which prints them and exits with `exitCode`. */
export class XenportError extends Error {
  constructor(
    public readonly diagnostics: Diagnostic[],
    public readonly exitCode: number,
  ) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'XenportError';
  }
}
