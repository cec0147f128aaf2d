/**
 * The tree-sitter wrapper: the only module (with the matcher) that imports tree-sitter. One parser
 * instance is reused; trees are returned to callers and released by the garbage collector.
 */
import * as path from 'path';
import Parser = require('tree-sitter');
import C = require('tree-sitter-c');

/** A tree-sitter syntax node. */
export type SyntaxNode = Parser.SyntaxNode;
/** A tree-sitter tree. */
export type Tree = Parser.Tree;
/** A cursor over a tree-sitter tree. */
export type TreeCursor = Parser.TreeCursor;

let parser: Parser | undefined;

/** The shared C parser. */
export function cParser(): Parser {
  if (!parser) {
    parser = new Parser();
    presetNodeClasses(C as unknown as LanguageObject);
    parser.setLanguage(C as unknown as Parser.Language);
  }
  return parser;
}

/** A node class of node-tree-sitter. */
type NodeClass = new (tree: unknown) => object;

/** What node-tree-sitter 0.22 keeps on a grammar object. */
interface LanguageObject {
  nodeTypeInfo?: Array<{ type: string; named: boolean }>;
  nodeSubclasses?: NodeClass[];
}

/**
 * node-tree-sitter's first `setLanguage` builds a class per named node type with `eval`, each with
 * getters for its fields (`declaratorNode`, ...): 5-10 ms of a cold run. xenport reads none of
 * those getters (it walks children with a cursor, src/match/flat.ts), and nothing else of those
 * classes differs from the base class (their `type` assignment does not even take: the base class
 * has a `type` getter). So the same classes are made here without the getters, and `setLanguage`
 * keeps them. This asks the binding for the names by type id (`getNodeTypeNamesById`), as
 * node-tree-sitter does; with another node-tree-sitter (no such function, or classes already set)
 * nothing is done and `setLanguage` builds its own.
 */
function presetNodeClasses(language: LanguageObject): void {
  if (language.nodeSubclasses) return;
  const Base = (Parser as unknown as { SyntaxNode?: NodeClass }).SyntaxNode;
  let names: unknown;
  try {
    names = treeSitterBinding()?.getNodeTypeNamesById?.(language);
  } catch {
    return;
  }
  if (!Base || !Array.isArray(names)) return;
  const named = new Set((language.nodeTypeInfo ?? []).filter((i) => i.named).map((i) => i.type));
  language.nodeSubclasses = names.map((typeName: unknown) =>
    typeof typeName === 'string' && named.has(typeName) ? class extends Base {} : Base,
  );
}

/** What xenport reads of node-tree-sitter 0.22's native binding (each part checked before use). */
interface Binding {
  getNodeTypeNamesById?: (l: unknown) => unknown;
  NodeMethods?: { children?: (tree: unknown) => unknown; hasError?: (tree: unknown) => unknown };
  nodeTransferArray?: unknown;
}

let binding: Binding | null | undefined;

/**
 * The binding node-tree-sitter loaded (node-gyp-build finds the same addon file; Node loads it
 * once, so this is the same object, with the same node transfer buffer), or null when it cannot be
 * found.
 */
function treeSitterBinding(): Binding | null {
  if (binding === undefined) {
    try {
      binding = require('node-gyp-build')(path.dirname(require.resolve('tree-sitter/package.json'))) as Binding;
    } catch {
      binding = null;
    }
  }
  return binding;
}

/** A `Uint32Array` of any realm (under Jest the addon's arrays are not of the test's realm). */
const isUint32Array = (a: unknown): a is Uint32Array =>
  ArrayBuffer.isView(a) && Object.prototype.toString.call(a) === '[object Uint32Array]';

/** The numbers node-tree-sitter 0.22 keeps per node (its id in two, then `TSNode.context`), as in its buffer. */
const NODE_FIELDS = 6;

/**
 * The indexes of the children of `node` that have syntax errors (`hasError`), read without making
 * a JavaScript node of any child: node-tree-sitter keeps every node it makes in its tree's cache,
 * and each later `Tree.edit` of that tree moves every cached node (the error walk of a file's
 * first tree made one per top-level item, some 360 on arm-smmu.c, and the conditional pass's
 * single edit of that tree then took 0.7 ms). The children are read as node-tree-sitter's
 * `children` reads them (one call writing each child's numbers into the binding's transfer
 * buffer), and each is asked `hasError` from those numbers, as its `hasError` getter does.
 * Undefined when the binding is not the one this was written for: the caller reads `children`.
 */
export function childrenWithErrors(node: SyntaxNode): number[] | undefined {
  const b = treeSitterBinding();
  const methods = b?.NodeMethods;
  const fields = node as unknown as Record<number, unknown>;
  if (!methods?.children || !methods.hasError || !isUint32Array(b?.nodeTransferArray)) return undefined;
  for (let i = 0; i < NODE_FIELDS; i++) if (typeof fields[i] !== 'number') return undefined;
  const tree = node.tree;
  for (let i = 0; i < NODE_FIELDS; i++) b.nodeTransferArray[i] = fields[i] as number;
  const kids = methods.children(tree);
  // (The call may have replaced the buffer by a larger one.)
  const buffer = b.nodeTransferArray;
  if (!Array.isArray(kids) || !isUint32Array(buffer)) return undefined;
  // A child the tree has cached comes as its node; the others as their symbol, in the buffer's order.
  let transferred = 0;
  for (const kid of kids) if (typeof kid === 'number' || kid === null) transferred++;
  const numbers = buffer.slice(0, transferred * NODE_FIELDS);
  const out: number[] = [];
  let at = 0;
  for (let k = 0; k < kids.length; k++) {
    const kid: unknown = kids[k];
    if (typeof kid === 'number' || kid === null) {
      (b.nodeTransferArray as Uint32Array).set(numbers.subarray(at, at + NODE_FIELDS));
      at += NODE_FIELDS;
      if (kid !== null && methods.hasError(tree) === true) out.push(k);
    } else if ((kid as SyntaxNode).hasError) out.push(k);
  }
  return out;
}

/** The C grammar, for compiling queries. */
export function cLanguage(): Parser.Language {
  return C as unknown as Parser.Language;
}

/** A part of a text to parse: offsets and their 0-based row and column (in characters). */
export interface TextRange {
  startIndex: number;
  endIndex: number;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
}

/**
 * UTF-16 units node-tree-sitter copies from the text per read (its `bufferSize`; it reads again
 * past the end of a piece). The binding allocates this buffer on every parse and frees it after:
 * sized from the text (4 bytes a character, as this was), each parse of a large text freed a
 * block of megabytes, after which glibc raises its mmap and trim thresholds for the rest of the
 * process and every thread's malloc arena keeps that much freed memory (tens of MB of a drivers/
 * scan's peak). 64 KB stays below glibc's default mmap threshold, so the block is reused.
 */
export const READ_UNITS = 32 * 1024;

/**
 * Parse C text. With `ranges`, only those parts are parsed, as if they followed each other; node
 * offsets stay those of `text`. With `old`, a tree of an earlier text told of every change since
 * (`Tree.edit`, ./incremental.ts), tree-sitter re-parses only around the changes; `old` is not
 * changed, and the new tree shares its unchanged parts (a later edit of either copies what it
 * changes). So `parseC(sameText, undefined, tree)` gives a copy of `tree` that may be edited
 * while `tree` stays as it is, for a fraction of a full parse.
 */
export function parseC(text: string, ranges?: readonly TextRange[], old?: Tree): Tree {
  return cParser().parse(text, old, {
    bufferSize: READ_UNITS,
    ...(ranges ? { includedRanges: [...ranges] } : {}),
  });
}

/**
 * Build a tree-sitter query against the C grammar; throws tree-sitter's error on bad syntax.
 * node-tree-sitter 0.22.4 only checks `error_offset > 0`: a query whose error is at offset 0 (`.`,
 * `)`, a bare word) leaves a null query and crashes the process. A leading space moves every
 * error to offset 1 or later; the position in the message is shifted back.
 */
export function compileQuery(source: string): Parser.Query {
  try {
    return new Parser.Query(cLanguage(), ` ${source}`);
  } catch (e) {
    // Duck-typed: under Jest the native module's errors come from another realm (not `instanceof Error`).
    if (typeof (e as { message?: unknown }).message !== 'string') throw e;
    const err = e as Error;
    err.message = err.message.replace(/at position (\d+)/, (_m, n: string) => `at position ${Number(n) - 1}`);
    throw err;
  }
}
