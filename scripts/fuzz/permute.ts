/**
 * Order permutations of rule sets (issue 10, item 5): copy the shipped rule folders to a temporary
 * tree and shuffle, with a seeded generator, every `include:` and `rules:` list of every port.yaml
 * and the rules inside every rule file. The output of a port must not change: the golden cases are
 * rerun on the shuffled copy (test/reliability/order-permutations.test.ts, `npm run fuzz`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { isSeq, parseDocument } from 'yaml';

/** The rule trees that golden cases name, relative to the repository root. */
export const RULE_TREES = ['rules', path.join('corpus', 'example', 'rules')];

/** A small seeded generator (mulberry32): the same seed gives the same shuffles everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher-Yates); `reverse` instead reverses them. */
function shuffled<T>(items: T[], rnd: () => number, reverse: boolean): T[] {
  if (reverse) return [...items].reverse();
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Shuffle the sequences named by `keys` at the top of one YAML file, in place; returns whether it changed. */
function permuteFile(file: string, keys: string[], rnd: () => number, reverse: boolean): boolean {
  const text = fs.readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  let changed = false;
  for (const key of keys) {
    const seq = doc.get(key, true);
    if (!isSeq(seq) || seq.items.length < 2) continue;
    seq.items = shuffled(seq.items, rnd, reverse);
    changed = true;
  }
  if (changed) fs.writeFileSync(file, doc.toString());
  return changed;
}

/** Every `.yaml` file under `dir`, sorted (the walk itself must not depend on directory order). */
function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (e.isFile() && e.name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

/**
 * Copy the rule trees from `root` to `dest` (same relative layout, so `../` includes still resolve)
 * and shuffle them with `seed` (seed 0: reverse every list). Returns how many lists were reordered.
 */
export function permutedRuleTrees(root: string, dest: string, seed: number): number {
  const rnd = seededRandom(seed);
  let lists = 0;
  for (const tree of RULE_TREES) {
    fs.cpSync(path.join(root, tree), path.join(dest, tree), { recursive: true });
    for (const f of yamlFiles(path.join(dest, tree))) {
      const keys = path.basename(f) === 'port.yaml' ? ['include', 'rules'] : ['rules'];
      if (permuteFile(f, keys, rnd, seed === 0)) lists++;
    }
  }
  return lists;
}
