/**
 * `xenport watch`: `xenport port` (same options) run again whenever the Linux file, the Xen file,
 * the base file or a rule or block file changes. The process stays up, so the rules stay compiled
 * (reloaded only when a file of a rule or block folder changes) and the code stays warm. Each run
 * prints the port's report and the diff of the output against the previous run's. Changes are
 * noticed with fs.watch on the folders holding those files (editors often replace a file rather
 * than write it), debounced, and a run happens only when something the port reads really changed:
 * the port's own write of the --xen file does not start another run. Ctrl-C ends it with exit 0;
 * runs are synchronous, so a signal never lands in the middle of a write.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hasErrors } from '../diagnostics';
import { unifiedDiff } from '../emit';
import { loadRules } from './load-rules';
import type { Console } from './console';
import { PortArgs, runPort } from './port-command';

/** Quiet time after the last change event before a run starts. */
const DEBOUNCE_MS = 60;

/** What a run depends on: the texts of the inputs and of every file in the watched rule and block folders. */
function snapshot(files: string[], dirs: string[]): string {
  const parts: string[] = [];
  for (const f of files) {
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

/** The rule loader of a watch session: loads once, again only after a rule folder changed. */
function rulesCache() {
  let cached: ReturnType<typeof loadRules> | undefined;
  return {
    load: (dir: string, only?: readonly string[]) => (cached ??= loadRules(dir, only)),
    invalidate: () => void (cached = undefined),
    /** Folders of the rule files and block folders of the last load (the port folder when it failed). */
    dirs: (portDir: string): string[] => {
      const rs = cached?.ruleSet;
      const dirs = new Set([path.resolve(portDir)]);
      if (!rs || hasErrors(cached!.diagnostics)) return [...dirs];
      for (const f of rs.files) dirs.add(path.resolve(path.dirname(f)));
      for (const b of rs.blockDirs) dirs.add(path.resolve(b));
      return [...dirs];
    },
  };
}

/** Run `xenport watch` until SIGINT or SIGTERM; resolves to 0 then. */
export function runWatch(a: PortArgs, out: Console): Promise<number> {
  const rules = rulesCache();
  const files = [a.input, a.xen, a.base].filter((f): f is string => f !== undefined).map((f) => path.resolve(f));
  let last: string | undefined;
  let lastState = '';
  let lastRules = '';
  let runs = 0;
  const watchers = new Map<string, fs.FSWatcher>();
  let timer: NodeJS.Timeout | undefined;

  const run = (why: string) => {
    runs++;
    let output: string | undefined;
    const t = process.hrtime.bigint();
    const code = runPort({ ...a, session: { loadRules: rules.load, onOutput: (o) => (output = o) } }, out);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    out.stderr(`watch: run ${runs} (${why}): exit ${code}, ${ms.toFixed(1)} ms`);
    if (output !== undefined && last !== undefined) {
      const d = unifiedDiff(last, output, 'previous run', 'this run');
      out.stdout(d ? d : 'watch: the output is the same as in the previous run');
    }
    if (output !== undefined) last = output;
    rewatch();
    lastState = snapshot(files, rules.dirs(a.rules));
    lastRules = snapshot([], rules.dirs(a.rules));
  };

  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const ruleDirs = rules.dirs(a.rules);
      const now = snapshot(files, ruleDirs);
      if (now === lastState) return;
      // Reload the rules only when one of their folders changed.
      if (snapshot([], ruleDirs) !== lastRules) rules.invalidate();
      run('change');
    }, DEBOUNCE_MS);
  };

  /** Watch the folders of the inputs and of the rules (these may change with the rules). */
  const rewatch = () => {
    const want = new Set([...files.map((f) => path.dirname(f)), ...rules.dirs(a.rules)]);
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
      out.stderr('watch: stopped');
      resolve(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    run('start');
    out.stderr('watch: watching for changes (Ctrl-C to stop)');
  });
}
