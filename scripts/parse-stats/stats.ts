/**
 * Parse statistics of one C file: syntax-error regions (each with its line and guessed cause),
 * and the function definitions that parsed with no error inside, by name.
 */
import { parseSource } from '../../src/parse';
import type { SyntaxNode } from '../../src/parse';
import { regionCause } from './causes';

/** One syntax-error region. */
export interface Region {
  line: number;
  cause: string;
  /** The first line of the region, trimmed and cut. */
  excerpt: string;
}

/** What parse-stats keeps of one file. */
export interface FileStats {
  file: string;
  regions: Region[];
  /** Names of the function definitions with no ERROR or MISSING node inside. */
  goodFunctions: string[];
  /** Names of the function definitions with an ERROR or MISSING node inside. */
  badFunctions: string[];
}

/** The name a function definition declares (the innermost identifier of its declarator). */
function functionName(fn: SyntaxNode): string {
  let d: SyntaxNode | null = fn.childForFieldName('declarator');
  while (d && d.type !== 'identifier')
    d =
      d.childForFieldName('declarator') ??
      d.namedChildren.find((c) => c.type === 'identifier' || c.type.endsWith('declarator')) ??
      null;
  return d ? d.text : '?';
}

/** Parse `text` (the file `file`) and collect its statistics. */
export function fileStats(text: string, file: string): FileStats {
  const src = parseSource(text, file);
  const lines = text.split('\n');
  const regions: Region[] = src.syntaxErrors.map((d) => {
    const line = d.location?.line ?? 1;
    const first = lines[line - 1] ?? '';
    const m = /lines (\d+)-(\d+)/.exec(d.message);
    const body = m ? lines.slice(Number(m[1]) - 1, Number(m[2])).join('\n') : first;
    return { line, cause: regionCause(first, body), excerpt: first.trim().slice(0, 100) };
  });
  const goodFunctions: string[] = [];
  const badFunctions: string[] = [];
  for (const fn of src.tree.rootNode.descendantsOfType('function_definition'))
    (fn.hasError ? badFunctions : goodFunctions).push(functionName(fn));
  return { file, regions, goodFunctions, badFunctions };
}
