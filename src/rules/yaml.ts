/**
 * YAML loading with positions: parse a document, report syntax errors (XP102) with 1-based
 * file:line:col, and find the node, key or value that a JSON pointer (from ajv) refers to.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { diag } from '../diagnostics';
import type { Diagnostic, Location } from '../diagnostics';

/** A parsed YAML file with what is needed to turn offsets into locations. */
export interface YamlFile {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain JavaScript value of the document (null for an empty file). */
  data: unknown;
}

/**
 * The hint for an error on a line whose value is unquoted C starting with `#`, `&` or `*`, which YAML
 * reads as a comment (so the value is empty), an anchor or an alias; undefined for other lines.
 */
export function unquotedCHint(text: string, line: number): string | undefined {
  const src = text.split('\n')[line - 1] ?? '';
  const m = /^\s*(?:-\s+)?(?:[\w-]+:\s+)?([#&*])(?!\s*$)/.exec(src);
  if (!m || /^\s*#/.test(src)) return undefined;
  const what = m[1] === '#' ? 'a comment' : m[1] === '&' ? 'an anchor' : 'an alias';
  return `YAML reads an unquoted value starting with '${m[1]}' as ${what}: quote the C ("${m[1]}...") or write it as a | block`;
}

/**
 * Most alias expansions in one document (the yaml library's guard against "billion laughs": nested
 * aliases that expand to gigabytes). Real rule files use none.
 */
export const MAX_YAML_ALIASES = 64;

/** Parse YAML text; syntax errors (and duplicate keys) are XP102 at the error's position. */
export function parseYaml(text: string, file: string): { yaml?: YamlFile; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      const hint = unquotedCHint(text, pos.line);
      return diag('XP102', `malformed YAML: ${message}${hint ? `; ${hint}` : ''}`, {
        location: { file, line: pos.line, col: pos.col },
      });
    });
    return { diagnostics };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    // An alias to an anchor that is not set (`*x`), or aliases expanding too far, throw in toJS
    // (found by fuzzing): report them at the first alias.
    let at = 0;
    visit(doc, { Alias: (_k, n) => ((at = n.range?.[0] ?? 0), visit.BREAK) });
    const pos = lines.linePos(at);
    const hint = unquotedCHint(text, pos.line);
    return {
      diagnostics: [
        diag('XP102', `malformed YAML: ${(e as Error).message.split('\n')[0]}${hint ? `; ${hint}` : ''}`, {
          location: { file, line: pos.line, col: pos.col },
        }),
      ],
    };
  }
  return { yaml: { file, text, doc, lines, data }, diagnostics: [] };
}

/** Location of a character offset in the file. */
export function locationAt(y: YamlFile, offset: number): Location {
  const pos = y.lines.linePos(Math.max(0, Math.min(offset, y.text.length)));
  return { file: y.file, line: pos.line, col: pos.col };
}

/** Location of the start of a node (the file start when there is none). */
export function nodeLocation(y: YamlFile, node: Node | null | undefined): Location {
  return locationAt(y, node?.range?.[0] ?? 0);
}

/** Split a JSON pointer (`/rules/0/with`) into its segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The map pair holding `key`, if `node` is a map that has it. */
export function pairOf(node: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(node)) return undefined;
  return (node.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** The node at a path of segments, or the deepest existing ancestor (with how deep it got). */
export function nodeAtPath(y: YamlFile, segs: readonly string[]): { node: Node | null; depth: number } {
  let node = y.doc.contents as Node | null;
  for (let i = 0; i < segs.length; i++) {
    let next: Node | null | undefined;
    if (isMap(node)) next = pairOf(node, segs[i])?.value;
    else if (isSeq(node)) next = node.items[Number(segs[i])] as Node | undefined;
    if (!next) return { node, depth: i };
    node = next;
  }
  return { node, depth: segs.length };
}

/** Location of the key `key` in the map at `segs` (of the map itself when the key is absent). */
export function keyLocation(y: YamlFile, segs: readonly string[], key: string): Location {
  const { node } = nodeAtPath(y, segs);
  const pair = pairOf(node, key);
  return nodeLocation(y, (pair?.key as Node | undefined) ?? node);
}

/** Location of the value at `segs` (of its key when the value is empty, else the nearest ancestor). */
export function valueLocation(y: YamlFile, segs: readonly string[]): Location {
  const { node, depth } = nodeAtPath(y, segs);
  if (depth === segs.length && node) return nodeLocation(y, node);
  if (depth === segs.length - 1) {
    const pair = pairOf(node, segs[segs.length - 1]);
    if (pair) return nodeLocation(y, pair.key as Node);
  }
  return nodeLocation(y, node);
}
