/**
 * Shaping keeps nothing of a file once the file is done: its name memo (src/parse/shape.ts
 * `patternsMatching`) remembers the names it met, and a name cut from a file's text is, in V8, a
 * view that keeps the whole text alive. A scan's workers held 10-20 MB of files already scanned
 * that way. Measured here on the V8 heap after a full collection.
 */
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { shapeMacros } from '../../src/parse';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A file of about `kb` KB: a long comment, then a call of a name used in no other file. */
function file(i: number, kb: number): string {
  return `/*\n${'x'.repeat(kb * 1024)}\n*/\nvoid f${i}(void)\n{\n\tsome_unlisted_helper_${i}(1);\n}\n`;
}

test('shaping 60 files of 256 KB keeps none of their texts', () => {
  // Warm up (module-level tables, the hint patterns), then measure what the files add.
  shapeMacros(file(-1, 1));
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 60; i++) shapeMacros(file(i, 256));
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  // The texts weigh 15 MB; their names and the memo's entries a few KB.
  expect(grown).toBeLessThan(4 * 1024 * 1024);
});
