/** `xenport test`: run golden cases (see src/golden). */
import { runGolden } from '../golden';
import { Console } from './console';

/** Options of `xenport test`. */
export interface TestArgs {
  dirs: string[];
  update: boolean;
  verbose: boolean;
}

/** Run `xenport test`; returns the exit code. */
export function runTest(a: TestArgs, out: Console): number {
  return runGolden(a, out);
}
