/**
 * The xenport command line: parses and validates the whole command line against the command table
 * (src/cli/commands.ts) first, and only then runs the command, so that a usage error reads and
 * writes nothing. Every failure becomes a diagnostic and an exit code: never a stack trace.
 */
import { parseCommandLine } from './args';
import { COMMANDS } from './commands';
import { internalErrorText, plainText, usageErrorText } from '../emit';
import { Console, print, processConsole, terminalOf } from './console';
import { EXIT } from './exit-codes';
import { renderHelp } from './help';

/** The package version, for `xenport --version`. */
function version(): string {
  return (require('../../package.json') as { version: string }).version;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], out: Console = processConsole): Promise<number> {
  try {
    const parsed = parseCommandLine(COMMANDS, argv, (c, group) =>
      renderHelp(COMMANDS, terminalOf(out).columns, c, group),
    );
    switch (parsed.kind) {
      case 'help':
        print(out, plainText(parsed.text));
        return EXIT.ok;
      case 'version':
        print(out, plainText(version()));
        return EXIT.ok;
      case 'usage-error': {
        print(out, usageErrorText(parsed.command?.name ?? parsed.group, parsed.message));
        return EXIT.usage;
      }
      case 'run':
        return await parsed.command.run(parsed.args, out);
    }
  } catch (e) {
    print(out, internalErrorText((e as Error).message));
    return EXIT.internal;
  }
}
