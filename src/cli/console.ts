/** Where CLI commands print: real streams in the binary, buffers in tests. */

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
