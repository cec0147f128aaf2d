/**
 * The xenport command line: parses and validates the whole command line against the command table
 * (src/cli/commands.ts) first, and only then runs the command, so that a usage error reads and
 * writes nothing. Every failure becomes a diagnostic and an exit code: never a stack trace.
 */
import { parseCommandLine } from './args';
import { COMMANDS } from './commands';
import { Console, processConsole } from './console';
import { EXIT } from './exit-codes';
import { renderHelp } from './help';

/** The package version, for `xenport --version`. */
function version(): string {
  return (require('../../package.json') as { version: string }).version;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], out: Console = processConsole): Promise<number> {
  try {
    const parsed = parseCommandLine(COMMANDS, argv, (c, group) => renderHelp(COMMANDS, c, group));
    switch (parsed.kind) {
      case 'help':
        out.stdout(parsed.text);
        return EXIT.ok;
      case 'version':
        out.stdout(version());
        return EXIT.ok;
      case 'usage-error': {
        const words = parsed.command?.name ?? parsed.group;
        out.stderr(`xenport${words ? ` ${words}` : ''}: ${parsed.message}; see 'xenport${words ? ` ${words}` : ''} --help'`);
        return EXIT.usage;
      }
      case 'run':
        return await parsed.command.run(parsed.args, out);
    }
  } catch (e) {
    out.stderr(`xenport: internal error: ${(e as Error).message}\nThis is a bug in xenport; please report it with the command and input that trigger it.`);
    return EXIT.internal;
  }
}
