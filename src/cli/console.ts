/** Where CLI commands print: real streams in the binary, buffers in tests, a client's socket in `xenport serve`. */
import type { Chunk } from '../emit';

/** Terminal facts of the streams a command prints to. */
export interface Terminal {
  /** Whether standard error is a terminal (progress lines). */
  stderr: boolean;
  /** The width of the terminal on standard output (help text), when it is one. */
  columns: number | undefined;
}

/** Output sinks of a command. */
export interface Console {
  stdout(text: string, newline?: boolean): void;
  /** Standard error; `newline: false` writes `text` as is (a progress line that `\r` rewrites). */
  stderr(text: string, newline?: boolean): void;
  /** The terminal printed to, when it is not this process's (a `xenport serve` client's). */
  terminal?: Terminal;
}

/** `text` as a stream gets it: with a final newline added unless it has one or `newline` is false. */
export const lineText = (text: string, newline = true): string =>
  newline && !text.endsWith('\n') ? `${text}\n` : text;

/** The process's streams. */
export const processConsole: Console = {
  stdout: (text, newline) => void process.stdout.write(lineText(text, newline)),
  stderr: (text, newline) => void process.stderr.write(lineText(text, newline)),
};

/** The terminal `out` prints to: its own, or this process's. */
export const terminalOf = (out: Console): Terminal =>
  out.terminal ?? { stderr: process.stderr.isTTY === true, columns: process.stdout.columns || undefined };

/** A console that records what is printed. */
export function bufferConsole(): Console & { out: string; err: string } {
  const c = {
    out: '',
    err: '',
    stdout(text: string, newline?: boolean) {
      c.out += lineText(text, newline);
    },
    stderr(text: string, newline?: boolean) {
      c.err += lineText(text, newline);
    },
  };
  return c;
}

/** Print what a formatter rendered (src/emit/format), in order, each chunk to its stream. */
export function print(out: Console, chunks: readonly Chunk[]): void {
  for (const c of chunks) {
    if (c.stream === 'stderr') out.stderr(c.text, c.newline ?? true);
    else out.stdout(c.text, c.newline ?? true);
  }
}
