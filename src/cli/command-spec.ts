/**
 * The shape of a command's entry in the command table (src/cli/commands.ts): its words, its
 * arguments and options with their help text, the checks across options, and its handler. Adding
 * a command is one entry there and one handler module.
 */
import type { Args } from './args';
import type { Console } from './console';

/**
 * An option: `boolean` (a flag, `--no-x` turns it off), `string`, `number` (whole, >= 1) or `list` (repeatable or
 * comma-separated).
 */
export interface OptionSpec {
  type: 'boolean' | 'string' | 'number' | 'list';
  /** One-letter alias (`-r`). */
  short?: string;
  /** Name of the value in help (`--rules <port-dir>`). */
  valueName?: string;
  /** The command cannot run without it. */
  required?: boolean;
  /** `-` as its value reads standard input (`xenport serve` then asks its client for it). */
  stdin?: boolean;
  describe: string;
}

/** A positional argument; a variadic one takes the rest and must come last. */
export interface PositionalSpec {
  name: string;
  describe: string;
  required: boolean;
  variadic?: boolean;
  /** `-` as its value reads standard input (`xenport serve` then asks its client for it). */
  stdin?: boolean;
}

/** One command of the table. */
export interface CommandSpec {
  /** The words that name it: `port`, `rules check`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** More about the command, shown (wrapped) under the summary in its own help. */
  details?: string;
  positionals: PositionalSpec[];
  options: Record<string, OptionSpec>;
  /** Pairs of options that cannot be given together (long names). */
  conflicts?: Array<[string, string]>;
  /** Checks across arguments that need no file: a usage message, or undefined when fine. */
  check?: (a: Args) => string | undefined;
  /**
   * Always run in the calling process, never by a `xenport serve` server: a long-running or
   * interactive command (`watch`, `serve` itself).
   */
  local?: boolean;
  /** Run the command with validated arguments; resolves to the exit code. */
  run: (a: Args, out: Console) => number | Promise<number>;
}
