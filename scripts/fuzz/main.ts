/**
 * `npm run fuzz -- [--runs N] [--seed S] [--only port:,cli:] [--max-long-line N] [--max-depth N] [--verbose]`:
 * the long fuzz run. Prints one line per property and a summary; exits 1 when a property failed,
 * printing fast-check's counterexample with the seed and path that replay it.
 */
import { BOUNDED_PLAN, runFuzz, scalePlan } from './run';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function mainFuzz(): Promise<number> {
  const runs = Number(arg('runs') ?? 10_000);
  const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
  const limits = {
    maxLongLine: Number(arg('max-long-line') ?? 200_000),
    maxDepth: Number(arg('max-depth') ?? 20_000),
    maxOps: Number(arg('max-ops') ?? 4),
  };
  const only = arg('only')?.split(',');
  console.log(`xenport fuzz: ${runs} cases, seed ${seed}, limits ${JSON.stringify(limits)}`);
  const t0 = Date.now();
  const { results, missingSeeds } = await runFuzz({
    plan: scalePlan(BOUNDED_PLAN, runs),
    seed,
    limits,
    maxCopies: 5_000,
    ...(only ? { only } : {}),
    log: (l) => console.log(l),
    verbose: process.argv.includes('--verbose'),
  });
  if (missingSeeds.length) console.log(`seeds not found (skipped): ${missingSeeds.join(', ')}`);
  const cases = results.reduce((a, r) => a + r.runs, 0);
  const failed = results.filter((r) => r.failed);
  const mem = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `total: ${cases} cases, ${failed.length} failing properties, ${((Date.now() - t0) / 1000).toFixed(0)} s, peak RSS ${mem} MiB`,
  );
  for (const f of failed) console.log(`\n--- ${f.name} ---\n${f.report}`);
  return failed.length ? 1 : 0;
}

mainFuzz().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
