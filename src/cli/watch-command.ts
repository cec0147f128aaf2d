/**
 * `xenport watch`: `xenport port` (same options) run again whenever the Linux file, the Xen file,
 * the base file or a rule or block file changes. The process stays up, so the rules stay compiled
 * (reloaded only when a rule or block file changes, and then only the changed rule files are
 * compiled again), the trees of unchanged texts are reused (src/port/parse-memo.ts), so are the
 * match context of an unchanged input and the matches and planned edits of every unchanged rule
 * (src/match/memo.ts), and the code stays warm (warmed once after the first run:
 * `WatchSession.warm`). Each run prints the port's report and the diff of the output against the
 * previous run's. Changes are noticed with fs.watch on the folders holding those files (editors
 * often replace a file rather than write it), debounced, and a run happens only when something the
 * port reads really changed: the port's own write of the --xen file does not start another run.
 * Ctrl-C ends it with exit 0; runs are synchronous, so a signal never lands in the middle of a write.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hasErrors } from '../diagnostics';
import { watchText } from '../emit';
import { recompiling, ruleFileMemo } from '../rules/memo';
import { isRuleFile, loadRules } from './load-rules';
import { Console, print } from './console';
import { PortArgs, runPort } from './port-command';
import { portMemo } from './port-files';

/** Quiet time after the last change event before a run starts. */
const DEBOUNCE_MS = 60;

/**
 * What a run depends on: the texts of the inputs, of the rule files watched and of every file in
 * the watched rule and block folders.
 */
function snapshot(inputs: string[], rules: RuleWatch): string {
  const parts: string[] = [];
  const dirs = rules.dirs;
  for (const f of [...inputs, ...rules.files]) {
    try {
      parts.push(`${f}\0${fs.readFileSync(f, 'utf8')}`);
    } catch {
      parts.push(`${f}\0(unreadable)`);
    }
  }
  for (const d of dirs) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(d).sort();
    } catch {
      parts.push(`${d}/(unreadable)`);
    }
    for (const n of names) {
      try {
        const f = path.join(d, n);
        parts.push(`${f}\0${fs.statSync(f).isFile() ? fs.readFileSync(f, 'utf8') : '(folder)'}`);
      } catch {
        parts.push(`${d}/${n}\0(gone)`);
      }
    }
  }
  return parts.join('\n');
}

/** What the watch looks at for the rules: folders to watch, files and folders whose contents make the snapshot. */
interface RuleWatch {
  folders: string[];
  files: string[];
  dirs: string[];
}

/** Whether two `RuleWatch` name the same folders and files, in the same order. */
function sameWatch(x: RuleWatch, y: RuleWatch): boolean {
  const same = (p: string[], q: string[]) => p.length === q.length && p.every((v, i) => v === q[i]);
  return same(x.folders, y.folders) && same(x.files, y.files) && same(x.dirs, y.dirs);
}

/**
 * The rule loader of a watch session: loads once, again only after a rule or block file changed,
 * and then compiles only the rule files whose text changed (src/rules/load.ts, RuleFileMemo).
 */
function rulesCache() {
  let cached: ReturnType<typeof loadRules> | undefined;
  const memo = ruleFileMemo();
  return {
    load: (dir: string, only?: readonly string[]) => (cached ??= loadRules(dir, only, undefined, memo)),
    invalidate: () => void (cached = undefined),
    /**
     * A load as after a change of every rule file (each parsed and compiled again, through a copy of
     * the memo), for the warm-up: the rules kept and the memo stay as they are.
     */
    loadRecompiling: (dir: string, only?: readonly string[]) => loadRules(dir, only, undefined, recompiling(memo)),
    /**
     * What to watch for `rules` (the --rules argument): a port folder, the folders of its rule files
     * and its block folders; a single rule file, its folder (editors replace files), the file itself
     * and the `blocks/` folder beside it (whether it exists yet or not).
     */
    watched: (rules: string): RuleWatch => {
      const rs = cached?.ruleSet;
      const ok = rs && !hasErrors(cached!.diagnostics);
      if (isRuleFile(rules) || /\.ya?ml$/.test(rules)) {
        const dir = path.dirname(path.resolve(rules));
        const blocks = path.join(dir, 'blocks');
        return {
          folders: [dir, ...(fs.existsSync(blocks) ? [blocks] : [])],
          files: [path.resolve(rules)],
          dirs: [blocks],
        };
      }
      const dirs = new Set([path.resolve(rules)]);
      if (ok) {
        for (const f of rs.files) dirs.add(path.resolve(path.dirname(f)));
        for (const b of rs.blockDirs) dirs.add(path.resolve(b));
      }
      return { folders: [...dirs], files: [], dirs: [...dirs] };
    },
  };
}

/**
 * What a watch session keeps between ports, for `portFiles` (src/cli/port-files.ts): the compiled
 * rules (reloaded after `rulesChanged()`, compiling only changed rule files), the parses of
 * unchanged texts (src/port/parse-memo.ts) and the match contexts and rule matches
 * (src/match/memo.ts). A port through them gives what a fresh port gives
 * (test/cli/watch-equivalence.test.ts).
 */
export function portMemos() {
  const rules = rulesCache();
  return {
    ...portMemo(),
    rules,
    loadRules: rules.load,
    /** A rule or block file changed: the next port loads the rules again. */
    rulesChanged: () => rules.invalidate(),
  };
}

/** The work of a watch session without its file watchers: runs, and the check after a change event. */
export interface WatchSession {
  /** Port now; prints the run line, and the diff against the previous output. */
  run(why: string): void;
  /**
   * Port again if a file the port reads changed since the last run (reloading the rules only if
   * theirs did); true when it ran.
   */
  check(): boolean;
  /** The folders to watch for change events. */
  folders(): string[];
  /**
   * The warm-up, once, after a first run that made an output: a regeneration of the same inputs,
   * with every rule file parsed and compiled again, that writes and prints nothing (its output is
   * compared with the output file, as `--diff` does) and whose result is dropped. V8 makes fast code
   * of a function only after it ran a few times, so the first regenerations of a process ran 2-3x
   * slower than later ones: the code a regeneration runs and a first run does not (the rule reload
   * through the memo, the output parsed from the last output, contexts and matches taken from the
   * memos) had never run (bench/NOTES.md, branch watch-real). The memos are left as a run of the
   * same inputs leaves them.
   */
  warm(): void;
}

/** A console that drops what is printed (the warm-up's). */
const discard: Console = { stdout: () => undefined, stderr: () => undefined };

/** What a watch session keeps between ports (`portMemos`). */
export type PortMemos = ReturnType<typeof portMemos>;

/**
 * A watch session for the options of `port` (what `xenport watch` runs on each change; bench/watch.js times the work
 * it reports, and passes `memos` of its own to time the parses).
 */
export function watchSession(a: PortArgs, out: Console, memos: PortMemos = portMemos()): WatchSession {
  const rules = memos.rules;
  const files = [a.input, a.xen, a.base].filter((f): f is string => f !== undefined).map((f) => path.resolve(f));
  let last: string | undefined;
  let lastInputs = '';
  let lastRules = '';
  let runs = 0;
  let warmed = false;

  /**
   * Port now. `before` is the rule files' snapshot `check` took (else one is taken now): while the
   * port watches the same rule files after its load, that snapshot stays the one the next check
   * compares with, so a rule file changed while the port ran, after the load read it, starts another
   * run (and the rule files are not all read again after each run).
   */
  const portNow = (why: string, before?: { watch: RuleWatch; state: string }) => {
    const ruleWatch = before?.watch ?? rules.watched(a.rules);
    const ruleState = before?.state ?? snapshot([], ruleWatch);
    runs++;
    let output: string | undefined;
    const t = process.hrtime.bigint();
    const code = runPort(
      {
        ...a,
        session: { loadRules: memos.loadRules, parse: memos.parse, match: memos.match, onOutput: (o) => (output = o) },
      },
      out,
    );
    memos.nextPort();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    print(out, watchText({ kind: 'run', run: runs, why, exitCode: code, ms, previous: last, output }));
    if (output !== undefined) last = output;
    // After the port: its own write of the --xen file is no change to run for.
    lastInputs = snapshot(files, { folders: [], files: [], dirs: [] });
    // The first load names the rule and block folders to watch: then they are read now.
    const watchNow = rules.watched(a.rules);
    lastRules = sameWatch(watchNow, ruleWatch) ? ruleState : snapshot([], watchNow);
  };

  const check = (): boolean => {
    const inputs = snapshot(files, { folders: [], files: [], dirs: [] });
    const watch = rules.watched(a.rules);
    const ruleFiles = snapshot([], watch);
    if (inputs === lastInputs && ruleFiles === lastRules) return false;
    // Reload the rules only when one of their files changed.
    if (ruleFiles !== lastRules) memos.rulesChanged();
    portNow('change', { watch, state: ruleFiles });
    return true;
  };

  const warm = (): void => {
    // Standard input (`-`) cannot be read a second time.
    if (warmed || last === undefined || a.input === '-') return;
    warmed = true;
    // The output base and spare trees the next run parses from (what nextPort scheduled).
    memos.prepare();
    const session = { loadRules: rules.loadRecompiling, parse: memos.parse, match: memos.match, onOutput: () => {} };
    runPort({ ...a, diff: true, session }, discard);
    memos.nextPort();
    // What nextPort schedules for the next idle moment, made now: a change may already be waiting.
    memos.prepare();
  };

  return {
    run: (why) => portNow(why),
    check,
    warm,
    folders: () => [...new Set([...files.map((f) => path.dirname(f)), ...rules.watched(a.rules).folders])],
  };
}

/** Run `xenport watch` until SIGINT or SIGTERM; resolves to 0 then. */
export function runWatch(a: PortArgs, out: Console): Promise<number> {
  const session = watchSession(a, out);
  const watchers = new Map<string, fs.FSWatcher>();
  let timer: NodeJS.Timeout | undefined;

  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (session.check()) rewatch();
    }, DEBOUNCE_MS);
  };

  /** Watch the folders of the inputs and of the rules (these may change with the rules). */
  const rewatch = () => {
    const want = new Set(session.folders());
    for (const [d, w] of watchers) if (!want.has(d)) (w.close(), watchers.delete(d));
    for (const d of want) {
      if (watchers.has(d)) continue;
      try {
        const w = fs.watch(d, changed);
        w.on('error', () => undefined);
        watchers.set(d, w);
      } catch {
        // A folder that is gone is noticed by the snapshot; it is watched again once it exists.
      }
    }
  };

  return new Promise((resolve) => {
    const stop = () => {
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      print(out, watchText({ kind: 'stopped' }));
      resolve(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    session.run('start');
    rewatch();
    // Before saying so: a change made after the message then finds the code warm (a change made
    // during the warm-up is seen by the watchers and runs after it).
    session.warm();
    print(out, watchText({ kind: 'watching' }));
  });
}
