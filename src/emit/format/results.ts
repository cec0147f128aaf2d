/**
 * The results the commands build and the formatters (text.ts, json.ts beside this file) render:
 * typed data only, no text. A command fills one of these, the formatter of the chosen format turns
 * it into printed chunks (stdout or stderr), and the CLI prints them (src/cli/console.ts).
 */
import type { Diagnostic } from '../../diagnostics';
import type { PortReport, Provenance } from '../../port';
import type { FileOutcome, ScanSummary } from '../../scan';
import type { LineOrigin } from '../annotate';

/** Text for one output stream; `newline: false` prints it as it is (a generated file), otherwise a newline ends it. */
export interface Chunk {
  stream: 'stdout' | 'stderr';
  text: string;
  newline?: boolean;
}

/** How much of a text result to show (`--quiet`, `--verbose`). */
export interface Verbosity {
  quiet: boolean;
  verbose: boolean;
}

/** `xenport port`: the exit code, the diagnostics, and what the run produced. */
export interface PortOutcome {
  exitCode: number;
  diagnostics: Diagnostic[];
  report?: PortReport;
  /** The file written. */
  written?: string;
  /** `--check` / `--diff`: the unified diff from the output file to the new output (absent when equal). */
  diff?: string;
  /** `--stdout`: the generated text. */
  output?: string;
  /** `--annotate`: the origin of every output line. */
  origins?: LineOrigin[];
  /** The generated text and its provenance, for the matches and edits of `--json`. */
  trace?: { output: string; provenance: Provenance };
}

/** `xenport rules check`. */
export interface RulesCheckResult {
  /** The port folder or rule file checked, as named on the command line. */
  target: string;
  ok: boolean;
  exitCode: number;
  rules: number;
  files: number;
  /** Rules per kind, in the order the kinds first appear. */
  byKind: Array<[string, number]>;
  diagnostics: Diagnostic[];
}

/** One match of `scan --diff` with the rewrite its rule makes there. */
export interface HitRewrite {
  line: number;
  col: number;
  rule: string;
  /** The whole input lines of the match. */
  removed: string[];
  /**
   * The output lines they became, `deleted`, or `swallowed` (inside text another rule deletes or disables); absent
   * when the file's port failed.
   */
  added?: string[] | 'deleted' | 'swallowed';
}

/** The `scan --diff` results of one file with matches. */
export interface FileRewrites {
  file: string;
  /** Errors of porting the file with the scanned rules: its rewrites are not shown. */
  errors: Diagnostic[];
  hits: HitRewrite[];
}

/** `xenport scan`. */
export interface ScanResult {
  /** Rule ids by the index a hit names. */
  ruleIds: string[];
  outcomes: FileOutcome[];
  summary: ScanSummary;
  /** Rules not scanned, with why. */
  skipped: Array<{ id: string; why: string }>;
  seconds: number;
  /** `--diff`: each match with its rewrite, and the files that could not be read for it. */
  rewrites?: { files: FileRewrites[]; diagnostics: Diagnostic[] };
}

/** Why a golden case failed. */
export type CaseFailure = { diagnostics: Diagnostic[] } | { diff: string } | { missing: string };

/** The result of one golden case (or of a case folder that cannot be read). */
export type CaseResult =
  | { kind: 'skip'; name: string; why: string }
  | { kind: 'pass'; name: string }
  | { kind: 'updated'; file: string }
  | { kind: 'fail'; name: string; failure: CaseFailure }
  | { kind: 'xfail'; name: string; knownFailure: string; failure: CaseFailure }
  | { kind: 'unexpected-pass'; name: string; knownFailure: string }
  | { kind: 'unreadable'; dir: string; message: string };

/** Totals of the golden cases of one run. */
export interface GoldenTotals {
  pass: number;
  fail: number;
  skip: number;
  xfail: number;
  /** Cases skipped under CI=true, counted as failures. */
  ciSkipped: number;
  /** Whether any case folder was run (the totals line is shown only then). */
  ran: boolean;
}

/** Why one snippet of a rule test failed. */
export type RuleTestFailure =
  | { file: string; line: number; what: string }
  | { file: string; line: number; what: string; errors: Diagnostic[] }
  | { file: string; line: number; what: string; got: Diagnostic[] }
  | { file: string; line: number; what: string; expected: string; generated: string; label: string }
  | { file: string; cannotWrite: string | Diagnostic[] };

/** The result of one rule test file. */
export type RuleTestResult =
  | { kind: 'unreadable'; file: string; message: string }
  | { kind: 'rules-do-not-load'; file: string; portDir: string; errors: Diagnostic[] }
  | { kind: 'updated'; file: string; outputs: number }
  | { kind: 'fail'; file: string; failures: RuleTestFailure[] }
  | { kind: 'pass'; file: string; valid: number; invalid: number };

/** `xenport explain`: the origin of one line of a generated file. */
export interface ExplainResult {
  file: string;
  line: number;
  origin: LineOrigin;
  /** The file differs from what the rules generate now. */
  stale: boolean;
  /** The Linux file, and the text of the line the output line was copied from. */
  linux: { file: string; text?: string };
}

/** `xenport learn`: what was written. */
export type LearnResult =
  | {
      kind: 'learned';
      out: string;
      rules: number;
      general: number;
      ruleFiles: number;
      xen: string;
      ms: number;
      /** The rule library: the groups included in place of learned rules, and how many rules they replace. */
      library?: { dir: string; groups: string[]; replaced: number };
    }
  | { kind: 'adopted'; rules: number; file: string; xen: string; superseded: string[] }
  | { kind: 'nothing-to-adopt'; out: string; xen: string };

/** `xenport init`: the files written, and why it stopped if it did. */
export interface InitResult {
  dir: string;
  written: string[];
  failure?: Diagnostic[];
}

/** `xenport report`: the review page written, with the port's diagnostics. */
export interface ReportOutcome {
  exitCode: number;
  diagnostics: Diagnostic[];
  written?: string;
}

/** `xenport watch`: one event of the session (a run with the diff against the previous output, or a state change). */
export type WatchEvent =
  | { kind: 'run'; run: number; why: string; exitCode: number; ms: number; previous?: string; output?: string }
  | { kind: 'watching' }
  | { kind: 'stopped' };
