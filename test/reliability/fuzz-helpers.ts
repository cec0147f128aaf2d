/**
 * Shared by the bounded fuzz tests: run some properties of the campaign with the bounded plan and
 * a fixed seed (FUZZ_SEED overrides it), and fail with fast-check's replayable counterexample.
 */
import { BOUNDED_PLAN, runFuzz } from '../../scripts/fuzz/run';

/** The seed of the bounded run: fixed, so that `npm test` is reproducible. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20240601);

/** Run the properties whose names start with `prefixes`; returns their results. */
export async function boundedRun(prefixes: string[]) {
  const { results, missingSeeds } = await runFuzz({
    plan: BOUNDED_PLAN,
    seed: FUZZ_SEED,
    only: prefixes,
    maxCopies: 100,
  });
  if (missingSeeds.length) console.warn(`fuzz: seeds skipped (files not found): ${missingSeeds.join(', ')}`);
  return results;
}
