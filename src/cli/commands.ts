/**
 * The command table: every xenport command with its arguments, options, help text and handler.
 * The parser (src/cli/args.ts) validates a command line against its entry before the handler
 * runs; help (src/cli/help.ts) is rendered from the same entries.
 */
import type { CommandSpec } from './command-spec';
import type { Args } from './args';
import type { PortArgs } from './port-command';

/** `-o -` and `-o /dev/stdout` print the output instead of writing a file. */
export const isStdoutName = (file: string | undefined): boolean => file === '-' || file === '/dev/stdout';

/** The options of `port` (and `watch`) as the port handler takes them. */
function portArgs(a: Args): PortArgs {
  const toStdout = isStdoutName(a.string('output'));
  return {
    input: a.string('linux-file') as string,
    rules: a.string('rules') as string,
    only: a.list('rule'),
    output: toStdout ? undefined : a.string('output'),
    xen: a.string('xen'),
    base: a.string('base'),
    check: a.flag('check'),
    diff: a.flag('diff'),
    stdout: a.flag('stdout') || toStdout,
    json: a.flag('json'),
    annotate: a.flag('annotate'),
    cache: a.maybeFlag('cache') !== false,
    force: a.flag('force'),
    dropHandEdits: a.flag('drop-hand-edits'),
    quiet: a.flag('quiet'),
    verbose: a.flag('verbose'),
  };
}

const port: CommandSpec = {
  name: 'port',
  summary: 'Port a Linux C file to Xen with a rule set',
  positionals: [
    { name: 'linux-file', required: true, stdin: true, describe: 'the Linux driver to port; - reads standard input' },
  ],
  options: {
    rules: {
      type: 'string',
      short: 'r',
      valueName: 'port-dir',
      required: true,
      describe: 'port folder holding port.yaml (rules/<port>), or a single rule file (.yaml)',
    },
    rule: { type: 'list', valueName: 'id', describe: 'run only this rule (repeatable or comma-separated)' },
    output: {
      type: 'string',
      short: 'o',
      valueName: 'file',
      describe: 'file to write (default: the --xen file, regenerated in place); - or /dev/stdout prints it',
    },
    xen: {
      type: 'string',
      valueName: 'file',
      stdin: true,
      describe:
        'existing Xen file: Xen-owned blocks are carried over from it; text the rules do not account for is reported',
    },
    base: {
      type: 'string',
      valueName: 'file',
      stdin: true,
      describe: 'the Linux file the --xen file was generated from (default: the input)',
    },
    check: { type: 'boolean', describe: 'write nothing; exit 1 and print a unified diff if the output file differs' },
    diff: {
      type: 'boolean',
      describe: 'write nothing; print the unified diff between the output file and the new output',
    },
    stdout: { type: 'boolean', describe: 'print the output instead of writing it' },
    json: {
      type: 'boolean',
      describe:
        'print the result (report, diagnostics, every rule match with its input and output position, every applied edit) as JSON on stdout',
    },
    annotate: {
      type: 'boolean',
      describe:
        'print the output with the origin of each line: the Linux line it was copied from, or the rule (file:line) and block that wrote it; writes nothing',
    },
    force: { type: 'boolean', describe: 'write even when there are errors (the exit code is still 1)' },
    'drop-hand-edits': {
      type: 'boolean',
      describe: 'accept losing lines of the --xen file that no rule or block produces',
    },
    quiet: { type: 'boolean', short: 'q', describe: 'no report, only diagnostics' },
    verbose: { type: 'boolean', short: 'v', describe: 'also print info diagnostics' },
    cache: {
      type: 'boolean',
      describe:
        'load the compiled rules from the cache in ${XDG_CACHE_HOME:-~/.cache}/xenport when no rule, manifest or block file changed (default; --no-cache or XENPORT_NO_CACHE=1 turns it off)',
    },
  },
  conflicts: [
    ['stdout', 'check'],
    ['stdout', 'diff'],
    ['stdout', 'json'],
    ['check', 'diff'],
    ['annotate', 'stdout'],
    ['annotate', 'check'],
    ['annotate', 'diff'],
    ['annotate', 'json'],
  ],
  check: (a) => {
    if (!isStdoutName(a.string('output'))) return undefined;
    const clash = ['check', 'diff', 'json'].find((o) => a.flag(o));
    return clash ? `-o ${a.string('output')} (standard output) and --${clash} cannot be used together` : undefined;
  },
  run: (a, out) => {
    // Loaded on use, as every handler: `--version`, help and usage errors load no parser or rule code.
    const { runPort } = require('./port-command') as typeof import('./port-command');
    return runPort(portArgs(a), out);
  },
};

const watch: CommandSpec = {
  ...port,
  name: 'watch',
  local: true,
  summary: 'Port again whenever the Linux file, the Xen file or a rule or block file changes (Ctrl-C stops)',
  details:
    'Each run prints its report, its time and the diff of the output against the previous run. After the first ' +
    "run, before it prints 'watching for changes', watch runs the port once more on the same inputs, with every " +
    'rule file compiled again, and drops the result (nothing written or printed): code runs fast only after it has ' +
    'run a few times, and this way the first edit is served by warm code.',
  run: (a, out) => {
    // Loaded on use: only this command watches files.
    const { runWatch } = require('./watch-command') as typeof import('./watch-command');
    return runWatch(portArgs(a), out);
  },
};

const rulesCheck: CommandSpec = {
  name: 'rules check',
  summary: 'Validate a port folder (manifest, rule files, patterns, templates)',
  positionals: [{ name: 'port-dir', required: true, describe: 'port folder holding port.yaml, or a single rule file' }],
  options: { json: { type: 'boolean', describe: 'print the result as JSON' } },
  run: (a, out) => {
    // Loaded on use: the rule compiler is not needed by a port whose rules come from the cache.
    const { runRulesCheck } = require('./rules-command') as typeof import('./rules-command');
    return runRulesCheck(a.string('port-dir') as string, a.flag('json'), out);
  },
};

const scan: CommandSpec = {
  name: 'scan',
  summary: 'List every match of every rule over files and folders (writes nothing)',
  positionals: [
    {
      name: 'paths',
      required: true,
      variadic: true,
      describe: 'C files and folders (folders: every .c and .h file below)',
    },
  ],
  options: {
    rules: {
      type: 'string',
      short: 'r',
      valueName: 'dir',
      required: true,
      describe: 'port folder (port.yaml) or folder of rule files',
    },
    json: { type: 'boolean', describe: 'print matches and summary as JSON' },
    diff: { type: 'boolean', describe: 'show each match (- lines) with the rewrite its rule makes there (+ lines)' },
    jobs: { type: 'number', short: 'j', valueName: 'n', describe: 'worker threads (default: the number of cores)' },
    ext: {
      type: 'list',
      valueName: 'ext',
      describe: 'file endings to scan in folders, repeatable or comma-separated (default: .c,.h)',
    },
    progress: {
      type: 'boolean',
      describe: 'progress line on stderr (default: when stderr is a terminal; --no-progress turns it off)',
    },
    quiet: { type: 'boolean', short: 'q', describe: 'matches only, no summary' },
  },
  conflicts: [['diff', 'json']],
  run: async (a, out) => {
    // Loaded on use: the scan stage (worker pool) is not needed by the other commands.
    const { runScanCommand } = require('./scan-command') as typeof import('./scan-command');
    const ext = a.list('ext');
    return runScanCommand(
      {
        paths: a.list('paths'),
        rules: a.string('rules') as string,
        json: a.flag('json'),
        jobs: a.number('jobs'),
        ext: ext.length ? ext : undefined,
        quiet: a.flag('quiet'),
        diff: a.flag('diff'),
        progress: a.maybeFlag('progress'),
      },
      out,
    );
  },
};

const report: CommandSpec = {
  name: 'report',
  summary: 'Write a review page: Linux and Xen side by side, each change linked to its rule and reason',
  positionals: [{ name: 'linux-file', required: true, stdin: true, describe: 'the Linux driver to port' }],
  options: {
    rules: {
      type: 'string',
      short: 'r',
      valueName: 'port-dir',
      required: true,
      describe: 'port folder holding port.yaml (rules/<port>)',
    },
    output: {
      type: 'string',
      short: 'o',
      valueName: 'dir',
      required: true,
      describe: 'folder to write <linux-file name>.html to (created if missing)',
    },
    xen: {
      type: 'string',
      valueName: 'file',
      stdin: true,
      describe: 'existing Xen file: blocks carried over; the page shows what the output changes in it',
    },
    base: {
      type: 'string',
      valueName: 'file',
      stdin: true,
      describe: 'the Linux file the --xen file was generated from; the page shows what the new Linux changed',
    },
    checks: { type: 'string', valueName: 'json', describe: 'build and boot results to show, as JSON (docs/REVIEW.md)' },
    'build-log': { type: 'string', valueName: 'file', describe: 'a Xen build log to show' },
    'boot-log': { type: 'string', valueName: 'file', describe: 'a boot log to show' },
    'drop-hand-edits': {
      type: 'boolean',
      describe: 'report lines of the --xen file no rule or block produces as warnings',
    },
    quiet: { type: 'boolean', short: 'q', describe: 'no summary line' },
    verbose: { type: 'boolean', short: 'v', describe: 'also print info diagnostics' },
  },
  run: (a, out) => {
    // Loaded on use, like scan: the review page is not needed by the other commands.
    const { reportArgs, runReport } = require('./report-command') as typeof import('./report-command');
    return runReport(reportArgs(a), out);
  },
};

const learn: CommandSpec = {
  name: 'learn',
  summary: 'Write the rule set of an existing hand port (or, with --adopt, rules for its hand edits)',
  positionals: [
    { name: 'linux-file', required: true, stdin: true, describe: 'the Linux file the Xen file was ported from' },
    { name: 'xen-file', required: true, stdin: true, describe: 'the Xen file to regenerate byte for byte' },
    {
      name: 'more-files',
      required: false,
      variadic: true,
      describe: 'further Linux and Xen file pairs of a split driver (a.h xen-a.h): one rule set for all',
    },
  ],
  options: {
    output: {
      type: 'string',
      short: 'o',
      valueName: 'port-dir',
      required: true,
      describe: 'the port folder to write (with --adopt: the port to add adopted.yaml to)',
    },
    adopt: {
      type: 'boolean',
      describe: 'add rules for the lines of the Xen file the port does not reproduce (XP300), as adopted.yaml',
    },
    force: { type: 'boolean', describe: 'replace an existing port folder (or adopted.yaml)' },
    library: {
      type: 'string',
      valueName: 'dir',
      describe:
        "a rule library whose groups are included where they explain learned rules (default: xenport's rules/xen-api)",
    },
  },
  run: (a, out) => {
    // Loaded on use, like scan: learning is not needed by the other commands.
    const { learnArgs, runLearn } = require('./learn-command') as typeof import('./learn-command');
    return runLearn(learnArgs(a), out);
  },
};

const test: CommandSpec = {
  name: 'test',
  // The whole golden suite: long-running, and it gains little from a warm process.
  local: true,
  summary:
    'Run rule tests (rules/<port>/tests/*.yaml) and golden cases (corpus/, real ports in ../shared/corpus or $XENPORT_CORPUS)',
  positionals: [
    {
      name: 'case-dirs',
      required: false,
      variadic: true,
      describe:
        'case folders, port folders or rule test files (default: every case under corpus/ and every rule test under rules/)',
    },
  ],
  options: {
    update: {
      type: 'boolean',
      describe: 'write the expected outputs of local cases and rule tests (refused when CI=true)',
    },
    verbose: { type: 'boolean', short: 'v', describe: 'also show the details of known failures' },
  },
  run: (a, out) => {
    // Loaded on use, like rules check.
    const { runTest } = require('./test-command') as typeof import('./test-command');
    return runTest({ dirs: a.list('case-dirs'), update: a.flag('update'), verbose: a.flag('verbose') }, out);
  },
};

const explain: CommandSpec = {
  name: 'explain',
  summary: 'Say where one line of a generated Xen file came from: the Linux line, or the rule and block that wrote it',
  positionals: [
    { name: 'generated-line', required: true, describe: '<generated-file>:<line>' },
    { name: 'linux-file', required: true, stdin: true, describe: 'the Linux file it was generated from' },
  ],
  options: {
    rules: {
      type: 'string',
      short: 'r',
      valueName: 'port-dir',
      required: true,
      describe: 'port folder (or single rule file) it was generated with',
    },
    rule: { type: 'list', valueName: 'id', describe: 'only these rules (as port --rule)' },
    base: {
      type: 'string',
      valueName: 'file',
      stdin: true,
      describe: 'the Linux file the generated file was made from, when it is not <linux-file>',
    },
  },
  run: (a, out) => {
    const { runExplain } = require('./explain-command') as typeof import('./explain-command');
    return runExplain(
      {
        target: a.string('generated-line') as string,
        input: a.string('linux-file') as string,
        rules: a.string('rules') as string,
        only: a.list('rule'),
        base: a.string('base'),
      },
      out,
    );
  },
};

const init: CommandSpec = {
  name: 'init',
  summary: 'Start a port: a folder with a commented port.yaml, an example rule and its rule test',
  positionals: [{ name: 'dir', required: true, describe: 'the port folder to create (must not exist, or be empty)' }],
  options: {},
  run: (a, out) => {
    const { runInit } = require('./init-command') as typeof import('./init-command');
    return runInit(a.string('dir') as string, out);
  },
};

const serve: CommandSpec = {
  name: 'serve',
  local: true,
  summary:
    'Keep xenport warm: a server on a private socket runs the xenport commands that follow, same output and exit code (opt-in; `serve stop` ends it; XENPORT_NO_SERVER=1 bypasses it)',
  positionals: [{ name: 'action', required: false, describe: '`stop`: end the running server (as --stop)' }],
  options: {
    stop: { type: 'boolean', describe: 'end the running server of this build (exit 0 when none runs)' },
    idle: {
      type: 'number',
      valueName: 'minutes',
      describe: 'end the server after this many minutes without a request (default: 30)',
    },
    detach: { type: 'boolean', describe: 'start the server in the background and return once it answers' },
    status: { type: 'boolean', describe: 'say whether a server of this build runs (exit 0 when one does, 1 when not)' },
  },
  conflicts: [
    ['stop', 'detach'],
    ['stop', 'idle'],
    ['status', 'stop'],
    ['status', 'detach'],
    ['status', 'idle'],
  ],
  check: (a) => {
    const action = a.string('action');
    if (action !== undefined && action !== 'stop') return `unknown action '${action}' (the only one is: stop)`;
    if (action === 'stop' && (a.number('idle') !== undefined || a.flag('detach') || a.flag('status')))
      return 'serve stop takes no other option';
    return undefined;
  },
  run: (a, out) => {
    // Loaded on use: only this command serves.
    const { runServe } = require('./serve-command') as typeof import('./serve-command');
    const stop = a.flag('stop') || a.string('action') === 'stop';
    return runServe({ stop, status: a.flag('status'), detach: a.flag('detach'), idleMinutes: a.number('idle') }, out);
  },
};

/** Every command, in the order of the help text. */
export const COMMANDS: readonly CommandSpec[] = [
  port,
  watch,
  rulesCheck,
  scan,
  report,
  learn,
  test,
  explain,
  init,
  serve,
];
