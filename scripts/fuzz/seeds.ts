/**
 * Seed inputs of the fuzz harness: real Linux files with the rule sets that port them (the corpus's
 * SMMUv1/v2 and UBSAN files, and the example driver), and the real rule files to mutate. Paths are
 * found relative to the repository; the shared corpus in ../shared/corpus or $XENPORT_CORPUS.
 * Seeds whose files are absent are left out (the caller reports which).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { NamedText } from '../../src/port';
import { loadRuleSet, readBlockFiles } from '../../src/rules';
import type { RuleSet } from '../../src/rules/types';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The shared corpus folder (may not exist). */
export const CORPUS = process.env.XENPORT_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus');

/** A Linux file with the rule set that ports it. */
export interface Seed {
  name: string;
  /** Path relative to the repository root (as passed to the CLI from there). */
  file: string;
  /** The file's bytes as a byte string (latin1). */
  bytes: string;
  rulesDir: string;
  ruleSet: RuleSet;
  blockFiles: Map<string, NamedText>;
}

const FIXTURES = path.join('test', 'reliability', 'fixtures');

const SEED_FILES: Array<{ name: string; file: string; rules: string }> = [
  { name: 'example', file: path.join('corpus', 'example', 'linux.c'), rules: path.join('corpus', 'example', 'rules') },
  { name: 'ubsan', file: path.join(CORPUS, 'ubsan-2017', 'linux.c'), rules: path.join(FIXTURES, 'ubsan-fuzz') },
  { name: 'smmu-v1v2', file: path.join(CORPUS, 'smmu-v1v2-2015', 'linux.c'), rules: path.join(FIXTURES, 'smmu-fuzz') },
];

/** Load the seeds whose files exist; `missing` names the others. Throws if a rule set fails to load. */
export function loadSeeds(): { seeds: Seed[]; missing: string[] } {
  const seeds: Seed[] = [];
  const missing: string[] = [];
  for (const s of SEED_FILES) {
    const abs = path.resolve(ROOT, s.file);
    if (!fs.existsSync(abs) || !fs.existsSync(path.resolve(ROOT, s.rules))) {
      missing.push(s.name);
      continue;
    }
    const rulesDir = path.relative(process.cwd(), path.resolve(ROOT, s.rules)) || '.';
    const loaded = loadRuleSet(rulesDir);
    if (!loaded.ruleSet)
      throw new Error(
        `fuzz seed ${s.name}: rules ${s.rules} do not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`,
      );
    seeds.push({
      name: s.name,
      file: path.relative(process.cwd(), abs),
      bytes: fs.readFileSync(abs).toString('latin1'),
      rulesDir,
      ruleSet: loaded.ruleSet,
      blockFiles: readBlockFiles(loaded.ruleSet.blockDirs).blocks,
    });
  }
  return { seeds, missing };
}

/** A rule file or manifest to mutate. */
export interface RuleSeed {
  file: string;
  text: string;
}

/** Every YAML file of the project's rule folders and the example's rules. */
export function loadRuleSeeds(): RuleSeed[] {
  const dirs = [path.join('rules', 'smmu-v1v2'), path.join('rules', 'ubsan'), path.join('corpus', 'example', 'rules')];
  const out: RuleSeed[] = [];
  for (const d of dirs) {
    const abs = path.join(ROOT, d);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs).sort())
      if (f.endsWith('.yaml')) out.push({ file: path.join(d, f), text: fs.readFileSync(path.join(abs, f), 'utf8') });
  }
  return out;
}
