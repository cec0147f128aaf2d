/** Run the xenport CLI in-process with a recording console (helper for CLI tests). */
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';

/** Exit code and what was printed on stdout and stderr. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = bufferConsole();
  const code = await main(argv, c);
  return { code, out: c.out, err: c.err };
}
