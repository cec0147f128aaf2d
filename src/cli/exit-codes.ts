/** Exit codes of the xenport command, documented in the README; scripts rely on them. */
export const EXIT = {
  /** Success: output written or identical (--check), all golden tests passed, rules valid. */
  ok: 0,
  /** The port failed: drift, overlapping edits, unaccounted hand edits, a --check difference, a failing golden test. */
  portFailed: 1,
  /** Usage error: unknown command or option, missing argument, conflicting options. */
  usage: 2,
  /** Invalid rules: the rules folder, a manifest or a rule file is missing or invalid. */
  invalidRules: 3,
  /** Input or output error: input missing, empty, binary, not C, too large; output not writable. */
  io: 4,
  /** Internal error: a bug in xenport (please report it with the input that triggers it). */
  internal: 70,
  /** The `xenport serve` server ended before it answered (stopped or crashed): run the command again. */
  serverLost: 75,
} as const;
