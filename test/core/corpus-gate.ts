/**
 * Tests that need the shared corpus (../shared/corpus or $XENPORT_CORPUS): when it is absent they
 * show as skipped, with the reason in their name, never as passed. Under CI=true they run (and
 * fail): there the corpus must be present.
 */
import * as fs from 'fs';
import * as path from 'path';
import { externalCorpus } from '../../src/golden';

/** Where the shared corpus is, and whether it is there. */
export const CORPUS = externalCorpus();

const absent = !CORPUS.present && process.env.CI !== 'true';

/** Appended to the name of a test that needs the corpus: the reason it is skipped, or nothing. */
export const CORPUS_SKIP_REASON = absent
  ? ` (skipped: external corpus not found at ${CORPUS.dir}; set XENPORT_CORPUS)`
  : '';

/** `it` for a test that needs the corpus: `it.skip` when it is absent. */
export const itWithCorpus: jest.It = absent ? it.skip : it;

/** `describe` for tests that need the corpus: `describe.skip` when it is absent. */
export const describeWithCorpus: jest.Describe = absent ? describe.skip : describe;

/** The distinct texts of the corpus's C files (`.c` and `.h`, every folder), in walk order; none when it is absent. */
export function corpusCTexts(): string[] {
  const seen = new Set<string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.[ch]$/.test(e.name)) seen.add(fs.readFileSync(p, 'utf8'));
    }
  };
  if (CORPUS.present) walk(CORPUS.dir);
  return [...seen];
}
