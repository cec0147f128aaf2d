/**
 * Fuzz shapes found by the adversarial probes of issue 10 (rules half): path escapes in `rules:`
 * entries and `blocks/` (relative, absolute, symbolic links out, dangling links, FIFOs, devices),
 * pathological patterns (deep nesting, many `$$$`, globs with many `*`, backtracking `#match?`
 * regexes, wide templates), and order permutations of whole rule trees. Properties: loading and
 * porting never throw and never leak a file outside the port; each case ends within its budget;
 * a permuted rule tree gives the same output as the original.
 */
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { hasErrors } from '../../src/diagnostics';
import { port } from '../../src/port';
import { loadRuleSet, readBlockFiles } from '../../src/rules';
import { permutedRuleTrees } from './permute';
import { PropertyFailure } from './properties';
import type { Seed } from './seeds';

/** A text that must never appear in any message or output: it lives outside every port. */
const SECRET = 'XENPORT-FUZZ-SECRET-7f3a';

/** Where a path-escape case points its entry. */
const ESCAPES = [
  'rel-out',
  'abs-out',
  'link-out',
  'dangling',
  'fifo',
  'dev-link',
  'dev-null',
  'etc-passwd',
  'dir',
  'ok',
] as const;
type Escape = (typeof ESCAPES)[number];

/** Make `target` inside `dir` be the escape `how` (the outside file is `secret`); returns the entry text. */
function plant(dir: string, target: string, how: Escape, secret: string, okText: string): string {
  const at = path.join(dir, target);
  switch (how) {
    case 'rel-out':
      return path.relative(dir, secret);
    case 'abs-out':
      return secret;
    case 'etc-passwd':
      return `${'../'.repeat(12)}etc/passwd`;
    case 'link-out':
      fs.symlinkSync(secret, at);
      return target;
    case 'dangling':
      fs.symlinkSync(path.join(dir, 'nowhere'), at);
      return target;
    case 'fifo':
      execFileSync('mkfifo', [at]);
      return target;
    case 'dev-link':
      fs.symlinkSync('/dev/zero', at);
      return target;
    case 'dev-null':
      return '/dev/null';
    case 'dir':
      fs.mkdirSync(at);
      return target;
    default:
      fs.writeFileSync(at, okText);
      return target;
  }
}

/** One path-escape case: a rule entry and a block file, each escaping (or not) in its own way. */
export function checkPathCase(work: string, n: number, rule: Escape, block: Escape, seed: Seed | undefined): string {
  const dir = path.join(work, `case-${n}`, 'port');
  fs.mkdirSync(path.join(dir, 'blocks'), { recursive: true });
  const secret = path.join(work, `case-${n}`, 'secret.yaml');
  fs.writeFileSync(secret, `rules: ${SECRET}\n`);
  const ruleText =
    'rules:\n  - id: glue\n    kind: insert\n    comment: none\n    file: end\n    block: glue\n    expect: ">=0"\n';
  const entry = plant(dir, 'r.yaml', rule, secret, ruleText);
  plant(path.join(dir, 'blocks'), 'glue.c', block, secret, '/* glue */\n');
  fs.writeFileSync(path.join(dir, 'port.yaml'), `name: p\nrules: [${JSON.stringify(entry)}]\n`);
  const loaded = loadRuleSet(dir);
  const blocks = loaded.ruleSet ? readBlockFiles(loaded.ruleSet.blockDirs) : { blocks: new Map(), diagnostics: [] };
  const all = [...loaded.diagnostics, ...blocks.diagnostics];
  const text = JSON.stringify(all);
  if (text.includes(SECRET) || text.includes('root:x:'))
    throw new PropertyFailure(`a message leaks an outside file: ${text.slice(0, 300)}`);
  if (rule !== 'ok' && loaded.ruleSet) throw new PropertyFailure(`rule entry '${rule}' was accepted`);
  if (block !== 'ok' && block !== 'dir' && loaded.ruleSet && !hasErrors(blocks.diagnostics))
    throw new PropertyFailure(`block '${block}' was accepted`);
  if (loaded.ruleSet && !hasErrors(blocks.diagnostics) && seed) {
    const r = port({ text: seed.bytes, file: seed.file }, loaded.ruleSet, { blockFiles: blocks.blocks });
    if (r.output.includes(SECRET)) throw new PropertyFailure('the output holds an outside file');
  }
  fs.rmSync(path.join(work, `case-${n}`), { recursive: true, force: true });
  return all.find((d) => d.severity === 'error')?.code ?? 'loaded';
}

/** A pathological rule: deep nesting, many `$$$`, a glob with many `*`, a backtracking regex, a wide template. */
export const pathologicalRuleArb = fc.oneof(
  fc.integer({ min: 1, max: 3000 }).map((d) => `pattern: "${'('.repeat(d)}f(1)${')'.repeat(d)}"`),
  fc
    .integer({ min: 1, max: 8 })
    .map((k) => `pattern: "{ ${Array.from({ length: k }, (_, i) => `$$$S${i}; f${i}();`).join(' ')} }"`),
  fc
    .integer({ min: 1, max: 8 })
    .map((k) => `pattern: "g(${Array.from({ length: k }, (_, i) => `$$$A${i}, x`).join(', ')})"`),
  fc.integer({ min: 1, max: 60 }).map((k) => `pattern: "f($X)"\n    files: "${'*a'.repeat(k)}*b"`),
  fc
    .constantFrom('^(a+)+$', '(a|ab)*c', '(\\\\w+\\\\s?)*$', '.*a.*b.*c.*d.*e', '(x{1,9}){1,9}', '^[a-z_]+$', 'a+b+')
    .map((re) => `query: '((identifier) @target (#match? @target "${re}"))'`),
  fc.integer({ min: 1, max: 3000 }).map((k) => `pattern: "f($X)"\n    with: "h(${'$X'.repeat(k)})"`),
);

/** Port a long generated file with one pathological rule: no exception, an error or an output. */
export function checkPathologicalRule(work: string, n: number, ruleBody: string): string {
  const dir = path.join(work, `patho-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'port.yaml'), 'name: p\nrules: [r.yaml]\n');
  fs.writeFileSync(
    path.join(dir, 'r.yaml'),
    `rules:\n  - id: patho\n    kind: replace\n    ${ruleBody}\n    ${/with:/.test(ruleBody) ? '' : 'with: "h(1)"\n    '}expect: ">=0"\n`,
  );
  const loaded = loadRuleSet(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  if (!loaded.ruleSet) return loaded.diagnostics.find((d) => d.severity === 'error')?.code ?? 'refused';
  const body = Array.from({ length: 200 }, (_, i) => `\tf${i % 9}(); f(${'a'.repeat(i % 50)}); g(x, x, y);`).join('\n');
  const r = port({ text: `void k(void)\n{\n\td(1);\n${body}\n}\n`, file: `${'a'.repeat(40)}.c` }, loaded.ruleSet);
  return r.diagnostics.find((d) => d.severity === 'error')?.code ?? 'ported';
}

/** Port `seed` with its rules and with a permuted copy of every rule tree: the outputs must be equal. */
export function checkOrderCase(root: string, work: string, n: number, seedValue: number, seed: Seed): string {
  const dest = path.join(work, `order-${n}`);
  permutedRuleTrees(root, dest, seedValue);
  const rules = path.join(dest, path.relative(root, path.resolve(seed.rulesDir)));
  const loaded = loadRuleSet(rules);
  fs.rmSync(dest, { recursive: true, force: true });
  if (!loaded.ruleSet)
    throw new PropertyFailure(`permuted rules of ${seed.name} do not load: ${loaded.diagnostics[0]?.message}`);
  const a = port({ text: seed.bytes, file: seed.file }, seed.ruleSet, { blockFiles: seed.blockFiles });
  const b = port({ text: seed.bytes, file: seed.file }, loaded.ruleSet, { blockFiles: seed.blockFiles });
  if (a.output !== b.output)
    throw new PropertyFailure(`${seed.name}: the output changes with permutation seed ${seedValue}`);
  return 'same';
}

/** The escape kinds, for the property's arbitrary. */
export const escapeArb = fc.constantFrom(...ESCAPES);
