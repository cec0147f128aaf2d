/**
 * The xenport command line: `port`, `rules check`, `scan` and `test`. Parses arguments with yargs, runs the
 * command, and turns every failure into a diagnostic and an exit code: never a stack trace.
 */
import yargs from 'yargs';
import { Console, processConsole } from './console';
import { EXIT } from './exit-codes';
import { runPort } from './port-command';
import { runRulesCheck } from './rules-command';
import { runTest } from './test-command';

const EPILOG = `Exit codes:
  0   success: written, identical (--check), tests passed, rules valid
  1   port failed: drift, overlaps, hand edits, --check difference, golden failure
  2   usage error
  3   invalid rules: folder, YAML, key, kind, pattern, metavariable
  4   input or output error: missing, empty, binary, not C, too large, not writable
  70  internal error: a bug in xenport, please report it
Rule language: docs/rules.md. Diagnostics: docs/diagnostics.md.`;

/**
 * yargs renders a command's whole help text after running it (`usage.cacheHelpMessage`), to have
 * it at hand should the command fail later; that rendering (text widths, wrapping) cost 20-40 ms of
 * a cold run. xenport prints its own message on failure and asks yargs for help only through
 * `--help`, which renders it afresh, so the cache is switched off. This reaches into yargs 17's
 * internals, with every step checked: with another yargs it does nothing.
 */
function skipHelpCache(parser: unknown): void {
  type Usage = { cacheHelpMessage?: () => void };
  const internals = parser as { getInternalMethods?: () => { getUsageInstance?: () => Usage | undefined } };
  const usage = typeof internals.getInternalMethods === 'function' ? internals.getInternalMethods().getUsageInstance?.() : undefined;
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], out: Console = processConsole): Promise<number> {
  let code: number = EXIT.ok;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('xenport')
    .usage('xenport: regenerate Xen drivers from Linux drivers with declarative rewrite rules\n\nUsage: $0 <command> [options]')
    .command(
      'port <linux-file>',
      'Port a Linux C file to Xen with a rule set',
      (y) =>
        y
          .positional('linux-file', { type: 'string', demandOption: true, describe: 'the Linux driver to port' })
          .option('rules', { alias: 'r', type: 'string', demandOption: true, describe: 'port folder holding port.yaml (rules/<port>)' })
          .option('output', { alias: 'o', type: 'string', describe: 'file to write (default: the --xen file, regenerated in place)' })
          .option('xen', { type: 'string', describe: 'existing Xen file: Xen-owned blocks are carried over from it; text the rules do not account for is reported' })
          .option('base', { type: 'string', describe: 'the Linux file the --xen file was generated from (default: the input)' })
          .option('check', { type: 'boolean', describe: 'write nothing; exit 1 and print a unified diff if the output file differs' })
          .option('diff', { type: 'boolean', describe: 'write nothing; print the unified diff between the output file and the new output' })
          .option('stdout', { type: 'boolean', describe: 'print the output instead of writing it' })
          .option('json', { type: 'boolean', describe: 'print the result (report, diagnostics) as JSON on stdout' })
          .option('force', { type: 'boolean', default: false, describe: 'write even when there are errors' })
          .option('drop-hand-edits', { type: 'boolean', default: false, describe: 'accept losing lines of the --xen file that no rule or block produces' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no report, only diagnostics' })
          .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'also print info diagnostics' })
          .conflicts('stdout', ['check', 'diff', 'json'])
          .conflicts('check', 'diff')
          .epilog(EPILOG),
      (a) => {
        code = runPort(
          {
            input: a['linux-file'] as string, rules: a.rules, output: a.output, xen: a.xen, base: a.base, check: a.check ?? false,
            diff: a.diff ?? false, stdout: a.stdout ?? false, json: a.json ?? false, force: a.force, dropHandEdits: a['drop-hand-edits'], quiet: a.quiet, verbose: a.verbose,
          },
          out,
        );
      },
    )
    .command('rules', 'Rule set commands', (y) =>
      y
        .command(
          'check <port-dir>',
          'Validate a port folder (manifest, rule files, patterns, templates)',
          (z) => z.positional('port-dir', { type: 'string', demandOption: true }).option('json', { type: 'boolean', default: false }),
          (a) => {
            code = runRulesCheck(a['port-dir'] as string, a.json, out);
          },
        )
        .demandCommand(1, 'name a rules subcommand: check'),
    )
    .command(
      'scan <paths..>',
      'List every match of every rule over files and folders (writes nothing)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'C files and folders (folders: every .c and .h file below)' })
          .option('rules', { alias: 'r', type: 'string', demandOption: true, describe: 'port folder (port.yaml) or folder of rule files' })
          .option('json', { type: 'boolean', default: false, describe: 'print matches and summary as JSON' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: the number of cores)' })
          .option('ext', { type: 'string', array: true, describe: 'file endings to scan in folders (default: .c .h)' })
          .option('progress', { type: 'boolean', describe: 'progress line on stderr (default: when stderr is a terminal)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'matches only, no summary' }),
      async (a) => {
        // Loaded on use: the scan stage (worker pool) is not needed by the other commands.
        const { runScanCommand } = require('./scan-command') as typeof import('./scan-command');
        code = await runScanCommand({ paths: a.paths as string[], rules: a.rules, json: a.json, jobs: a.jobs, ext: a.ext as string[] | undefined, quiet: a.quiet, progress: a.progress }, out);
      },
    )
    .command(
      'test [case-dirs..]',
      'Run golden tests: corpus/ cases and the real ports in ../shared/corpus (or $XENPORT_CORPUS)',
      (y) =>
        y
          .positional('case-dirs', { type: 'string', array: true, describe: 'case folders (default: every case under corpus/)' })
          .option('update', { type: 'boolean', default: false, describe: 'rewrite the expected outputs of local cases (refused when CI=true)' })
          .option('verbose', { alias: 'v', type: 'boolean', default: false }),
      (a) => {
        code = runTest({ dirs: (a['case-dirs'] as string[] | undefined) ?? [], update: a.update, verbose: a.verbose }, out);
      },
    )
    // xenport learn: its own small option parser (src/cli/learn-command.ts), so it moves with any CLI parser.
    .command('learn', 'Learn the rule set of an existing hand port: learn <linux-file> <xen-file> -o <port-dir> [--adopt] [--force]', (y) => y.strict(false).help(false), () => {
      const { parseLearnArgs, runLearn } = require('./learn-command') as typeof import('./learn-command');
      const parsed = parseLearnArgs(argv.slice(argv.indexOf('learn') + 1));
      if (typeof parsed === 'string') usageError = parsed;
      else code = runLearn(parsed, out);
    })
    .demandCommand(1, 'name a command: port, rules check, scan, test or learn')
    .strict()
    .epilog(EPILOG)
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      usageError = msg ?? err?.message ?? 'usage error';
    });
  skipHelpCache(parser);
  try {
    // With a parse callback yargs prints nothing itself: help, version and errors come back as text.
    const printed = await new Promise<{ output: string; help: boolean }>((resolve, reject) => {
      parser.parse(argv, {}, (err, args, output) => {
        if (err && usageError === undefined) usageError = err.message;
        const a = (args ?? {}) as { help?: boolean; version?: boolean };
        Promise.resolve(args).then(() => resolve({ output: output ?? '', help: !!a.help || !!a.version }), reject);
      });
    });
    if (usageError !== undefined) {
      out.stderr(`xenport: ${usageError}\nRun 'xenport --help' for usage.`);
      return EXIT.usage;
    }
    if (printed.output) out.stdout(printed.output);
    if (printed.help) return EXIT.ok;
    return code;
  } catch (e) {
    out.stderr(`xenport: internal error: ${(e as Error).message}\nThis is a bug in xenport; please report it with the command and input that trigger it.`);
    return EXIT.internal;
  }
}
