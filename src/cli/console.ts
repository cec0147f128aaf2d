/** Where CLI commands print: real streams in the binary, buffers in tests. */
import type { Chunk } from '../emit';

/** Output sinks of a command. */
export interface Console {
  stdout(text: string, newline?: boolean): void;
  stderr(text: string): void;
}

/** The process's streams. */
export const processConsole: Console = {
  stdout: (text, newline = true) => void process.stdout.write(newline && !text.endsWith('\n') ? `${text}\n` : text),
  stderr: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A console that records what is printed. */
export function bufferConsole(): Console & { out: string; err: string } {
  const c = {
    out: '',
    err: '',
    stdout(text: string, newline = true) {
      c.out += newline && !text.endsWith('\n') ? `${text}\n` : text;
    },
    stderr(text: string) {
      c.err += text.endsWith('\n') ? text : `${text}\n`;
    },
  };
  return c;
}

/** Print what a formatter rendered (src/emit/format), in order, each chunk to its stream. */
export function print(out: Console, chunks: readonly Chunk[]): void {
  for (const c of chunks) {
    if (c.stream === 'stderr') out.stderr(c.text);
    else out.stdout(c.text, c.newline ?? true);
  }
}
