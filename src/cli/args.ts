/**
 * Command-line parsing: the whole command line is read and checked against the command's spec
 * (src/cli/commands.ts) before any command runs, so a mistyped option, a missing argument or two
 * options that conflict end in one line and exit 2 with nothing read or written.
 *
 * Why Node's `util.parseArgs` under a small spec table, not yargs or commander: yargs 17 with a
 * parse callback runs the command's handler before its own validation (yargs issue 1975), which
 * let `--dry-run` regenerate a file and then report "Unknown arguments"; commander validates
 * first but checks conflicts and required options in hooks of its own, which is again an order to
 * keep right by hand. Here the order is the structure: `parseCommandLine` is a pure function from
 * argv to either a usage error, a help text, or validated arguments, and `main` runs a handler only
 * with the last. `parseArgs` (stable since Node 20, no dependency) does the tokenising (`--x=v`,
 * `-qv`, `--`); the checks are ours, with messages that say what to do. It also loads in a fraction
 * of yargs' time (about 5% of a cold `port` run went to yargs).
 */
import { parseArgs } from 'util';
import { editDistance } from '../match/named';
import type { CommandSpec, OptionSpec } from './command-spec';

/** A value of a parsed option. */
export type OptionValue = string | boolean | number | string[] | undefined;

/** The validated arguments of one command. */
export class Args {
  constructor(
    /** Positional arguments by their spec name (variadic ones as arrays). */
    readonly positionals: Readonly<Record<string, string | string[] | undefined>>,
    /** Options by their long name, defaults applied. */
    readonly options: Readonly<Record<string, OptionValue>>,
  ) {}

  /** A string option or positional argument (undefined when absent). */
  string(name: string): string | undefined {
    const v = this.positionals[name] ?? this.options[name];
    return typeof v === 'string' ? v : undefined;
  }

  /** A boolean option: true when given. */
  flag(name: string): boolean {
    return this.options[name] === true;
  }

  /** A boolean option that is undefined when not given (`--x` true, `--no-x` false). */
  maybeFlag(name: string): boolean | undefined {
    const v = this.options[name];
    return typeof v === 'boolean' ? v : undefined;
  }

  /** A number option. */
  number(name: string): number | undefined {
    const v = this.options[name];
    return typeof v === 'number' ? v : undefined;
  }

  /** A list: a variadic positional or a repeatable option (empty when absent). */
  list(name: string): string[] {
    const v = this.positionals[name] ?? this.options[name];
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  }
}

/** What the command line asks for. */
export type Parsed =
  | { kind: 'run'; command: CommandSpec; args: Args }
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string; command?: CommandSpec; group?: string };

/** The name in `names` nearest to `word` (edit distance), when near enough to suggest ("did you mean"). */
function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = editDistance(word, n);
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) && bestD < word.length
    ? best
    : undefined;
}

/**
 * Check the arguments that follow the command's words against its spec. Returns the validated
 * arguments, `'help'` when --help/-h was given, or a usage error message.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): Args | 'help' | { error: string } {
  const specs: Record<string, OptionSpec> = { ...spec.options };
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, o] of Object.entries(specs))
    config[name] = {
      type: o.type === 'boolean' ? 'boolean' : 'string',
      ...(o.short ? { short: o.short } : {}),
      multiple: true,
    };
  const { tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return 'help';

  const options: Record<string, OptionValue> = {};
  const given = new Map<string, string>(); // long name -> how the user wrote it
  const positionals: string[] = [];
  const longNames = Object.keys(specs);
  for (const t of tokens) {
    if (t.kind === 'positional') {
      positionals.push(t.value);
      continue;
    }
    if (t.kind !== 'option') continue; // the `--` terminator
    let name = t.name;
    let negated = false;
    if (!(name in specs) && name.startsWith('no-') && specs[name.slice(3)]?.type === 'boolean') {
      name = name.slice(3);
      negated = true;
    }
    const o = specs[name];
    if (!o) {
      const guess = t.rawName.startsWith('--') ? closest(t.name, longNames) : undefined;
      return { error: `unknown option ${t.rawName}${guess ? ` (did you mean --${guess}?)` : ''}` };
    }
    if (given.has(name) && o.type !== 'list') return { error: `option ${t.rawName} is given twice` };
    given.set(name, t.rawName);
    if (o.type === 'boolean') {
      if (t.inlineValue) return { error: `option ${t.rawName} takes no value (got '${t.value}')` };
      options[name] = !negated;
      continue;
    }
    const v = t.value;
    if (v === undefined) return { error: `option ${t.rawName} needs a value` };
    if (!t.inlineValue && v.length > 1 && v.startsWith('-')) {
      return {
        error: `option ${t.rawName} needs a value, not the option '${v}' (for a value that starts with '-', write --${name}=${v})`,
      };
    }
    if (o.type === 'number') {
      if (!/^[0-9]+$/.test(v) || Number(v) < 1)
        return { error: `option ${t.rawName} needs a whole number of at least 1 (got '${v}')` };
      options[name] = Number(v);
    } else if (o.type === 'list') {
      options[name] = [...((options[name] as string[] | undefined) ?? []), ...v.split(',').filter((x) => x !== '')];
    } else {
      options[name] = v;
    }
  }

  const pos: Record<string, string | string[] | undefined> = {};
  let i = 0;
  for (const p of spec.positionals) {
    if (p.variadic) {
      pos[p.name] = positionals.slice(i);
      i = positionals.length;
      if (p.required && (pos[p.name] as string[]).length === 0) return { error: `missing argument <${p.name}>` };
    } else {
      pos[p.name] = positionals[i++];
      if (p.required && pos[p.name] === undefined) return { error: `missing argument <${p.name}>` };
    }
  }
  if (i < positionals.length) return { error: `unexpected argument '${positionals[i]}'` };

  for (const [name, o] of Object.entries(specs)) {
    if (o.required && !given.has(name))
      return { error: `missing option --${name}${o.valueName ? ` <${o.valueName}>` : ''}` };
  }
  for (const [a, b] of spec.conflicts ?? []) {
    if (given.has(a) && given.has(b)) return { error: `${given.get(a)} and ${given.get(b)} cannot be used together` };
  }
  const args = new Args(pos, options);
  const more = spec.check?.(args);
  return more === undefined ? args : { error: more };
}

/**
 * Parse a whole command line (without node and script) against the command table. Pure: reads no
 * file and prints nothing.
 */
export function parseCommandLine(
  commands: readonly CommandSpec[],
  argv: readonly string[],
  renderHelp: (c?: CommandSpec, group?: string) => string,
): Parsed {
  const first = argv[0];
  if (first === undefined)
    return { kind: 'usage-error', message: `name a command: ${commands.map((c) => c.name).join(', ')}` };
  if (first === '--help' || first === '-h' || first === 'help') return { kind: 'help', text: renderHelp() };
  if (first === '--version') return { kind: 'version' };
  if (first.startsWith('-'))
    return {
      kind: 'usage-error',
      message: `unknown option ${first} before the command (name a command first: ${commands.map((c) => c.name).join(', ')})`,
    };
  // The longest command whose words start the command line ('rules check' before 'rules').
  const match = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((w, k) => argv[k] === w));
  if (!match) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `));
    if (group.length) {
      const sub = argv[1];
      if (sub === '--help' || sub === '-h') return { kind: 'help', text: renderHelp(undefined, first) };
      const names = group.map((c) => c.name.split(' ').slice(1).join(' ')).join(', ');
      return {
        kind: 'usage-error',
        group: first,
        message:
          sub === undefined
            ? `name a ${first} subcommand: ${names}`
            : `unknown ${first} subcommand '${sub}' (known: ${names})`,
      };
    }
    const guess = closest(
      first,
      commands.map((c) => c.name.split(' ')[0]),
    );
    return { kind: 'usage-error', message: `unknown command '${first}'${guess ? ` (did you mean ${guess}?)` : ''}` };
  }
  const parsed = parseCommandArgs(match, argv.slice(match.name.split(' ').length));
  if (parsed === 'help') return { kind: 'help', text: renderHelp(match) };
  if (!(parsed instanceof Args)) return { kind: 'usage-error', message: parsed.error, command: match };
  return { kind: 'run', command: match, args: parsed };
}
