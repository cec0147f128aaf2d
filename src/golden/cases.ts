/**
 * Golden case manifests (`case.yaml`): which Linux file to port with which rules, and the expected
 * Xen output. A case marked `corpus: external` reads its files from the real-port corpus
 * ($XENPORT_CORPUS, or ../shared/corpus beside the project).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';

/** One golden comparison. */
export interface GoldenCase {
  /** `<case folder>` or `<case folder>/<name>`. */
  name: string;
  rules: string;
  input: string;
  expected: string;
  xen?: string;
  base?: string;
  /** Declared known failure, with its reason: reported, not counted as a failure. */
  knownFailure?: string;
  /** Whether `expected` lives in the project (and may be updated) or in the external corpus. */
  external: boolean;
  /** Set when the case cannot run here (external corpus absent). */
  skip?: string;
}

const ENTRY_KEYS = new Set(['name', 'input', 'expected', 'xen', 'base', 'known-failure', 'rules']);
const TOP_KEYS = new Set(['description', 'corpus', 'rules', 'cases', ...ENTRY_KEYS]);

/** The external corpus folder, or undefined when absent. */
export function externalCorpus(): { dir: string; present: boolean } {
  const dir = process.env.XENPORT_CORPUS ?? path.join('..', 'shared', 'corpus');
  return { dir, present: fs.existsSync(dir) && fs.statSync(dir).isDirectory() };
}

/** Every folder under `root` (two levels deep) that holds a case.yaml. */
export function discoverCases(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (fs.existsSync(path.join(dir, 'case.yaml'))) out.push(dir);
    if (depth === 0) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'out') visit(path.join(dir, e.name), depth - 1);
    }
  };
  if (fs.existsSync(root)) visit(root, 2);
  return out;
}

type Raw = Record<string, unknown>;

function str(v: unknown, key: string, file: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Error(`${file}: '${key}' must be a string`);
  return v;
}

/** Read the cases of one case folder. Throws an Error with the file name on a malformed manifest. */
export function readCases(dir: string): GoldenCase[] {
  const file = path.join(dir, 'case.yaml');
  const raw = parseYaml(fs.readFileSync(file, 'utf8')) as Raw;
  if (!raw || typeof raw !== 'object') throw new Error(`${file}: expected a mapping`);
  for (const k of Object.keys(raw)) if (!TOP_KEYS.has(k)) throw new Error(`${file}: unknown key '${k}'`);
  const external = raw.corpus === 'external';
  const corpus = externalCorpus();
  const dataDir = external ? corpus.dir : dir;
  const entries = Array.isArray(raw.cases) ? (raw.cases as Raw[]) : [raw];
  return entries.map((e, i) => {
    for (const k of Object.keys(e))
      if (!ENTRY_KEYS.has(k) && !(entries.length === 1 && TOP_KEYS.has(k)))
        throw new Error(`${file}: unknown key '${k}' in case ${i + 1}`);
    const rules = str(e.rules, 'rules', file) ?? str(raw.rules, 'rules', file);
    const input = str(e.input, 'input', file);
    const expected = str(e.expected, 'expected', file);
    if (!rules || !input || !expected) throw new Error(`${file}: case ${i + 1} needs rules, input and expected`);
    const name = str(e.name, 'name', file);
    const xen = str(e.xen, 'xen', file);
    const base = str(e.base, 'base', file);
    const known = str(e['known-failure'], 'known-failure', file);
    return {
      name: name && entries.length > 1 ? `${dir}/${name}` : dir,
      rules: path.join(dir, rules),
      input: path.join(dataDir, input),
      expected: path.join(dataDir, expected),
      ...(xen ? { xen: path.join(dataDir, xen) } : {}),
      ...(base ? { base: path.join(dataDir, base) } : {}),
      ...(known ? { knownFailure: known } : {}),
      external,
      ...(external && !corpus.present
        ? { skip: `external corpus not found at ${corpus.dir} (set XENPORT_CORPUS)` }
        : {}),
    };
  });
}
