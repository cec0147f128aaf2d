/**
 * Rule tests as data (`rules/<port>/tests/<rule-id>.yaml`), the way ast-grep's `sg test` and ESLint's
 * RuleTester work: `valid:` snippets the rule must not match, `invalid:` snippets it must match, each
 * with the expected output (or the expected error code). This file finds and reads them; the runner
 * is src/cli/rule-test-run.ts. The format is documented in docs/testing.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';

/** A snippet the rule must not match. */
export interface ValidSnippet {
  code: string;
  line: number;
}

/** A snippet the rule must match, with what the port must give. */
export interface InvalidSnippet {
  code: string;
  line: number;
  /** Expected output; absent until `xenport test --update` writes it (unless `error` is set). */
  output?: string;
  /** Exact number of matches expected (default: at least one). */
  matches?: number;
  /** An error code the port must report (`XP203`) instead of an output. */
  error?: string;
  /** A regular expression the error's message must match. */
  message?: string;
}

/** One rule test file. */
export interface RuleTest {
  file: string;
  /** The port folder whose rule is tested (the folder holding `tests/`). */
  portDir: string;
  rule: string;
  /** File name the snippets are ported under (rules with `files:` globs look at it). */
  snippetFile: string;
  valid: ValidSnippet[];
  invalid: InvalidSnippet[];
  /** The parsed document, kept for `--update`. */
  doc: Document;
}

const TOP_KEYS = new Set(['rule', 'file', 'valid', 'invalid']);
const INVALID_KEYS = new Set(['code', 'output', 'matches', 'error', 'message']);

/** A rule test file that cannot be read: the message carries file:line. */
export class RuleTestError extends Error {}

/** Every rule test file under `root`: `<port>/tests/*.yaml` where `<port>` holds a port.yaml. */
export function discoverRuleTests(root: string): string[] {
  const out: string[] = [];
  if (/\.ya?ml$/.test(root) && fs.existsSync(root) && fs.statSync(root).isFile()) return [root];
  const visit = (dir: string, depth: number): void => {
    const tests = path.join(dir, 'tests');
    if (fs.existsSync(path.join(dir, 'port.yaml')) && fs.existsSync(tests) && fs.statSync(tests).isDirectory()) {
      for (const f of fs.readdirSync(tests).sort()) if (/\.ya?ml$/.test(f)) out.push(path.join(tests, f));
    }
    if (depth === 0) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'tests' && e.name !== 'blocks')
        visit(path.join(dir, e.name), depth - 1);
    }
  };
  if (fs.existsSync(root) && fs.statSync(root).isDirectory()) visit(root, 3);
  return out;
}

/** Read one rule test file. Throws RuleTestError (file:line: message) when it is malformed. */
export function readRuleTest(file: string): RuleTest {
  const text = fs.readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const at = (n: Node | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
  const fail = (n: Node | null | undefined, msg: string): never => {
    throw new RuleTestError(`${file}:${at(n)}: ${msg}`);
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new RuleTestError(`${file}:${e.linePos?.[0].line ?? 1}: malformed YAML: ${e.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, 'a rule test is a mapping with valid: and invalid: lists');
  for (const p of root.items)
    if (isScalar(p.key) && !TOP_KEYS.has(String(p.key.value)))
      fail(p.key, `unknown key '${String(p.key.value)}' (allowed: ${[...TOP_KEYS].join(', ')})`);
  const str = (n: unknown, what: string): string =>
    isScalar(n) && typeof n.value === 'string'
      ? n.value
      : fail(n as Node, `${what} must be a string (quote C that starts with #, & or *)`);
  const rule = root.has('rule') ? str(root.get('rule', true), 'rule') : path.basename(file).replace(/\.ya?ml$/, '');
  const snippetFile = root.has('file') ? str(root.get('file', true), 'file') : 'snippet.c';
  const list = (key: string): Node[] => {
    const n = root.get(key, true) as Node | undefined;
    if (n === undefined || (isScalar(n) && n.value === null)) return [];
    return isSeq(n) ? (n.items as Node[]) : fail(n, `${key}: must be a list`);
  };
  const valid = list('valid').map((n) => {
    const code = isMap(n) ? str(n.get('code', true), 'valid: code') : str(n, 'a valid: snippet');
    return { code, line: at(n) };
  });
  const invalid = list('invalid').map((n): InvalidSnippet => {
    if (!isMap(n)) return fail(n, 'an invalid: entry is a mapping with code: and output: (or error:)');
    for (const p of n.items)
      if (isScalar(p.key) && !INVALID_KEYS.has(String(p.key.value)))
        fail(p.key, `unknown key '${String(p.key.value)}' (allowed: ${[...INVALID_KEYS].join(', ')})`);
    const s: InvalidSnippet = { code: str(n.get('code', true), 'invalid: code'), line: at(n) };
    if (n.has('output')) s.output = str(n.get('output', true), 'output');
    if (n.has('error')) s.error = str(n.get('error', true), 'error');
    if (n.has('message')) s.message = str(n.get('message', true), 'message');
    if (n.has('matches')) {
      const m = n.get('matches', true);
      if (!isScalar(m) || typeof m.value !== 'number' || !Number.isInteger(m.value) || m.value < 1)
        fail(m as Node, 'matches: must be a whole number >= 1');
      s.matches = (m as { value: number }).value;
    }
    if (s.error !== undefined && s.output !== undefined)
      fail(n, 'an invalid: entry has either output: or error:, not both');
    return s;
  });
  if (valid.length + invalid.length === 0) fail(root, 'a rule test needs at least one valid: or invalid: snippet');
  return { file, portDir: path.dirname(path.dirname(file)), rule, snippetFile, valid, invalid, doc };
}
