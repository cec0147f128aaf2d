/**
 * Worker thread of a scan: receives the rules once (workerData), then batches of file paths;
 * answers each batch with its outcomes. Syntax trees are native memory the JavaScript collector
 * does not see, so after every few hundred kilobytes of source the worker collects garbage itself
 * and yields, so that the finalizers free the trees: that is what keeps memory flat over a tree of
 * any size.
 */
import { parentPort, workerData } from 'worker_threads';
import type { Rule } from '../rules/types';
import { acquire, isBigFile, release } from './big-file-lock';
import { scanFile } from './file-scan';
import { collector, costOf } from './gc';
import { Prefilter } from './prefilter';
import type { BatchReply, BatchRequest } from './pool';

const { rules, bigFileLock } = workerData as { rules: Rule[]; bigFileLock?: SharedArrayBuffer };
const prefilter = new Prefilter(rules);
const gc = collector();

parentPort?.on('message', async (req: BatchRequest) => {
  const reply: BatchReply = { id: req.id, outcomes: [] };
  for (const file of req.files) {
    const big = bigFileLock !== undefined && isBigFile(file);
    if (big) acquire(bigFileLock);
    try {
      const o = scanFile(file, rules, prefilter);
      reply.outcomes.push(o);
      // After a big parsed file, collect (and yield) before the lock is released: that frees its tree.
      await gc.add(big && o.status === 'parsed' ? Infinity : costOf(o));
    } finally {
      if (big) release(bigFileLock);
    }
  }
  parentPort?.postMessage(reply);
});
