/**
 * Help text, rendered from the command table: the command list, each command's arguments and
 * options with their descriptions, and the exit codes.
 */
import type { CommandSpec, OptionSpec } from './command-spec';

/** The exit codes, at the end of every help text (the README has the same table). */
export const EPILOG = `Exit codes:
  0   success: written, identical (--check), tests passed, rules valid
  1   port failed: drift, overlaps, hand edits, --check difference, golden failure; also after --force wrote despite errors
  2   usage error: unknown command or option, missing argument, conflicting options, -o naming an input
  3   invalid rules: folder, YAML, key, kind, pattern, metavariable
  4   input or output error: missing, not a regular file, empty, binary, not C, over 8 MiB; output not writable or not a regular file
  70  internal error: a bug in xenport, please report it
  75  the \`xenport serve\` server ended before it answered (stopped or crashed): run the command again
Rule language: docs/rules.md. Diagnostics: docs/diagnostics.md.`;

const HEADER = 'xenport: regenerate Xen drivers from Linux drivers with declarative rewrite rules';

/** `cmd <a> [b..]`: a command's words and its arguments. */
function synopsis(c: CommandSpec): string {
  const pos = c.positionals.map((p) =>
    p.required ? `<${p.name}${p.variadic ? '..' : ''}>` : `[${p.name}${p.variadic ? '..' : ''}]`,
  );
  return ['xenport', c.name, ...pos].join(' ');
}

/** `text` in lines at most `room` wide (a longer word stays whole). */
function wrap(text: string, room: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/** Two columns, the second wrapped to `width`. */
function table(rows: Array<[string, string]>, width: number): string {
  const w = Math.min(32, Math.max(...rows.map(([a]) => a.length)) + 2);
  const room = Math.max(30, width - w - 2);
  return rows
    .map(([a, b]) => {
      const lines = wrap(b, room);
      const first = a.length + 2 > w ? [`  ${a}`, `  ${' '.repeat(w)}${lines[0]}`] : [`  ${a.padEnd(w)}${lines[0]}`];
      return [...first, ...lines.slice(1).map((l) => `  ${' '.repeat(w)}${l}`)].join('\n');
    })
    .join('\n');
}

function optionLabel(name: string, o: OptionSpec): string {
  const value = o.type === 'boolean' ? '' : ` <${o.valueName ?? 'value'}>`;
  return `${o.short ? `-${o.short}, ` : '    '}--${name}${value}`;
}

/**
 * Help for the whole program (no command), for a group of commands (`rules`), or for one command,
 * fitted to a terminal `columns` wide (110 at most; 100 when not printed to a terminal).
 */
export function renderHelp(
  commands: readonly CommandSpec[],
  columns: number | undefined,
  command?: CommandSpec,
  group?: string,
): string {
  const width = Math.min(110, columns || 100);
  if (!command) {
    const shown = group ? commands.filter((c) => c.name.startsWith(`${group} `)) : commands;
    return [
      HEADER,
      '',
      `Usage: xenport ${group ? `${group} <subcommand>` : '<command>'} [options]    (xenport <command> --help: its options)`,
      '',
      'Commands:',
      table(
        shown.map((c) => [synopsis(c), c.summary]),
        width,
      ),
      '',
      'Options:',
      table(
        [
          ['-h, --help', 'show help'],
          ['    --version', 'show the version number'],
        ],
        width,
      ),
      '',
      EPILOG,
    ].join('\n');
  }
  const parts = [synopsis(command), '', command.summary];
  if (command.details) parts.push('', ...wrap(command.details, width));
  if (command.positionals.length)
    parts.push(
      '',
      'Arguments:',
      table(
        command.positionals.map((p) => [`<${p.name}>`, `${p.describe}${p.required ? '' : ' (optional)'}`]),
        width,
      ),
    );
  const opts = Object.entries(command.options).map(([n, o]): [string, string] => [
    optionLabel(n, o),
    `${o.describe}${o.required ? ' (required)' : ''}`,
  ]);
  opts.push(['-h, --help', 'show this help']);
  parts.push('', 'Options:', table(opts, width));
  const conflicts = command.conflicts ?? [];
  if (conflicts.length) parts.push('', `Not together: ${conflicts.map(([a, b]) => `--${a} with --${b}`).join('; ')}.`);
  parts.push('', EPILOG);
  return parts.join('\n');
}
