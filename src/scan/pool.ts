/**
 * Spread a scan over worker threads: each worker takes a small batch of files, returns its
 * outcomes and gets the next batch, so a slow file never holds up the others. Outcomes are put
 * back in file order. Small scans (or `jobs: 1`) run in this thread: starting workers costs more.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Rule } from '../rules/types';
import { FileOutcome, scanFile } from './file-scan';
import { newBigFileLock } from './big-file-lock';
import { collector, costOf } from './gc';
import { Prefilter } from './prefilter';

/** A batch of files sent to a worker. */
export interface BatchRequest {
  id: number;
  files: string[];
}

/** A worker's answer: one outcome per file of the batch, in order. */
export interface BatchReply {
  id: number;
  outcomes: FileOutcome[];
}

/** Options of a scan run. */
export interface PoolOptions {
  /** Worker threads (default: the machine's available parallelism; 1 runs in this thread). */
  jobs?: number;
  /** Called after each file or batch with the files done so far. */
  onProgress?: (done: number, total: number, hits: number) => void;
}

const BATCH = 16;
/**
 * A worker's young generation: V8's default (up to 48 MB per thread) mostly holds garbage between
 * two of the scan's forced collections; 8 MB took 20 MB off the peak of a two-worker scan at the
 * same speed (a smaller one costs time).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };
/** Below this many files a scan runs in this thread. */
const MIN_FILES_FOR_WORKERS = 64;

/** How many workers a scan of `files` files uses. */
export function jobsFor(files: number, requested?: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const jobs = Math.max(1, Math.floor(requested ?? cores));
  return files < MIN_FILES_FOR_WORKERS ? 1 : Math.min(jobs, Math.ceil(files / BATCH));
}

async function inline(files: readonly string[], rules: readonly Rule[], opts: PoolOptions): Promise<FileOutcome[]> {
  const prefilter = new Prefilter(rules);
  const gc = collector();
  const out: FileOutcome[] = [];
  let hits = 0;
  for (const f of files) {
    const o = scanFile(f, rules, prefilter);
    out.push(o);
    hits += o.hits.length;
    await gc.add(costOf(o));
    opts.onProgress?.(out.length, files.length, hits);
  }
  return out;
}

/**
 * The compiled worker script: next to this module in dist/scan, or from the CLI bundle (which
 * lives in dist/cli) in dist/scan. Absent when running from TypeScript sources (tests): then scans
 * run inline.
 */
function workerScript(): string | undefined {
  for (const p of [path.join(__dirname, 'worker.js'), path.join(__dirname, '..', 'scan', 'worker.js')])
    if (fs.existsSync(p)) return p;
  return undefined;
}

/** Scan `files` with `rules`; outcomes come back in the order of `files`. */
export async function runScan(
  files: readonly string[],
  rules: readonly Rule[],
  opts: PoolOptions = {},
): Promise<FileOutcome[]> {
  const jobs = jobsFor(files.length, opts.jobs);
  const script = workerScript();
  if (jobs <= 1 || !script) return inline(files, rules, opts);
  const results: FileOutcome[][] = [];
  let next = 0;
  let batchId = 0;
  let done = 0;
  let hits = 0;
  const workers: Worker[] = [];
  const bigFileLock = newBigFileLock();
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (w: Worker): void => {
        if (next >= files.length) {
          running--;
          if (running === 0) resolve();
          return;
        }
        const req: BatchRequest = { id: batchId++, files: files.slice(next, next + BATCH) };
        next += req.files.length;
        w.postMessage(req);
      };
      for (let i = 0; i < jobs; i++) {
        const w = new Worker(script, { workerData: { rules, bigFileLock }, resourceLimits: WORKER_LIMITS });
        workers.push(w);
        running++;
        w.on('message', (r: BatchReply) => {
          results[r.id] = r.outcomes;
          done += r.outcomes.length;
          for (const o of r.outcomes) hits += o.hits.length;
          opts.onProgress?.(done, files.length, hits);
          feed(w);
        });
        w.on('error', reject);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}
