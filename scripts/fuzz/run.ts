/**
 * The fuzz campaign: every property of ./properties and ./rules over its seeds, each a fast-check
 * run with a share of the cases, a fixed seed (reproducible) and shrinking of failures. Used by the
 * bounded run in `npm test` (test/reliability/fuzz-*.test.ts) and the long run (`npm run fuzz`).
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyMutations, BOUNDED, MutationLimits, mutationsArb } from './mutate';
import { checkFileCase, fileCaseArb } from './files';
import { checkCliCase, checkPortCase } from './properties';
import { applyValueMutations, checkManifestText, checkRuleText, mutateRuleText, valueMutationsArb } from './rules';
import { loadRuleSeeds, loadSeeds, ROOT, Seed } from './seeds';
import { checkOrderCase, checkPathCase, checkPathologicalRule, escapeArb, pathologicalRuleArb } from './shapes';

/** Issue 10 shapes (./shapes): small in the bounded run, scaled up by `npm run fuzz`. */
const SHAPES_PLAN: Plan = { 'shapes:paths': 40, 'shapes:patterns': 25, 'shapes:order': 2 };

/**
 * Cases per property, by property name (`port:<seed>`, `cli:<seed>`, `rules:text`, `rules:values`, `rules:manifest`,
 * `files:example`).
 */
export type Plan = Record<string, number>;

/**
 * The bounded plan of `npm test`: 219 cases, a smoke run that keeps the whole `npm test` under 3
 * minutes on the shared 2-core machine (docs/RELIABILITY.md has the figures); the search for new
 * failures is the long run, `npm run fuzz`, which scales these proportions.
 */
export const BOUNDED_PLAN: Plan = {
  'port:example': 40,
  'port:ubsan': 12,
  'port:smmu-v1v2': 3,
  'cli:example': 10,
  'cli:ubsan': 3,
  'cli:smmu-v1v2': 1,
  'rules:text': 80,
  'rules:values': 40,
  'rules:manifest': 20,
  'files:example': 10,
  ...SHAPES_PLAN,
};

/** Scale a plan to `total` cases, keeping the proportions. */
export function scalePlan(plan: Plan, total: number): Plan {
  const sum = Object.values(plan).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, Math.max(1, Math.round((v * total) / sum))]));
}

/** Options of a campaign. */
export interface FuzzOptions {
  plan: Plan;
  seed: number;
  limits?: MutationLimits;
  /** Upper bound of the "copy a rule N times" mutation. */
  maxCopies?: number;
  /** Only properties whose name starts with one of these. */
  only?: string[];
  log?: (line: string) => void;
  /** Also log the slowest cases of each property. */
  verbose?: boolean;
}

/** The result of one property. */
export interface PropertyResult {
  name: string;
  runs: number;
  failed: boolean;
  /** fast-check's report of the shrunk counterexample, with seed and path to replay it. */
  report?: string;
  /** How the cases ended: `written`, `loaded`, or the first error code. */
  outcomes: Record<string, number>;
  ms: number;
  /** The slowest cases: milliseconds and the (abbreviated) generated value. */
  slowest: Array<{ ms: number; value: string }>;
}

/** Records a case's outcome; `value` is the generated input, kept for the slowest cases. */
type Count = (outcome: string, value: unknown) => true;

interface Prop {
  name: string;
  make: (count: Count) => fc.IProperty<never> | fc.IAsyncProperty<never>;
}

/** A short JSON view of a generated value (long strings cut). */
function abbreviate(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'string' && x.length > 40 ? `${x.slice(0, 40)}...(${x.length})` : x,
  ).slice(0, 400);
}

function properties(seeds: Seed[], o: Required<Pick<FuzzOptions, 'limits' | 'maxCopies'>>, tmp: string): Prop[] {
  const props: Prop[] = [];
  const muts = mutationsArb(o.limits);
  for (const s of seeds) {
    props.push({
      name: `port:${s.name}`,
      make: (count) =>
        fc.property(muts, (ms) => tick() ?? count(checkPortCase(s, applyMutations(s.bytes, ms)), ms)) as never,
    });
    const dir = fs.mkdtempSync(path.join(tmp, `cli-${s.name}-`));
    props.push({
      name: `cli:${s.name}`,
      make: (count) =>
        fc.asyncProperty(
          muts,
          async (ms) => tick() ?? count(await checkCliCase(s, applyMutations(s.bytes, ms), dir), ms),
        ) as never,
    });
  }
  const ruleSeeds = loadRuleSeeds();
  const target = seeds.find((s) => s.name === 'example') ?? seeds[0];
  const files = ruleSeeds.filter((r) => !r.file.endsWith('port.yaml'));
  const manifests = ruleSeeds.filter((r) => r.file.endsWith('port.yaml'));
  if (target && files.length) {
    const small = mutationsArb({
      ...o.limits,
      maxLongLine: Math.min(o.limits.maxLongLine, 2000),
      maxDepth: Math.min(o.limits.maxDepth, 3000),
    });
    const pick = fc.constantFrom(...files);
    props.push({
      name: 'rules:text',
      make: (count) =>
        fc.property(
          pick,
          small,
          (r, ms) => tick() ?? count(checkRuleText(target, r.file, mutateRuleText(r, ms)), [r.file, ms]),
        ) as never,
    });
    props.push({
      name: 'rules:values',
      make: (count) =>
        fc.property(
          pick,
          valueMutationsArb(o.maxCopies),
          (r, ms) => tick() ?? count(checkRuleText(target, r.file, applyValueMutations(r.text, ms)), [r.file, ms]),
        ) as never,
    });
  }
  if (manifests.length) {
    const dir = fs.mkdtempSync(path.join(tmp, 'manifest-'));
    const pick = fc.constantFrom(...manifests);
    const includes = fc.constantFrom(
      '.',
      '..',
      '/',
      '/dev',
      '/dev/null',
      'port.yaml',
      '../../..',
      '',
      '~',
      'x'.repeat(5000),
      '\u0000',
      '*',
    );
    props.push({
      name: 'rules:manifest',
      make: (count) =>
        fc.property(
          pick,
          fc.oneof(
            valueMutationsArb(o.maxCopies),
            fc
              .array(includes, { minLength: 1, maxLength: 4 })
              .map((inc) => [{ op: 'add-key' as const, at: 0, key: 'include', value: inc }]),
          ),
          (m, ms) => {
            tick();
            const rules = ruleSeeds
              .filter((r) => path.dirname(r.file) === path.dirname(m.file) && r !== m)
              .map((r) => ({ name: r.file, text: r.text }));
            return count(checkManifestText(dir, applyValueMutations(m.text, ms), rules), [m.file, ms]);
          },
        ) as never,
    });
  }
  const filesDir = fs.mkdtempSync(path.join(tmp, 'files-'));
  props.push({
    name: 'files:example',
    make: (count) => fc.property(fileCaseArb, (c) => count(checkFileCase(c, filesDir), c)) as never,
  });
  const work = fs.mkdtempSync(path.join(tmp, 'shapes-'));
  let n = 0;
  props.push({
    name: 'shapes:paths',
    make: (count) =>
      fc.property(
        escapeArb,
        escapeArb,
        (r, b) => tick() ?? count(checkPathCase(work, n++, r, b, target), [r, b]),
      ) as never,
  });
  props.push({
    name: 'shapes:patterns',
    make: (count) =>
      fc.property(
        pathologicalRuleArb,
        (body) => tick() ?? count(checkPathologicalRule(work, n++, body), body),
      ) as never,
  });
  const example = seeds.find((s) => s.name === 'example');
  if (example)
    props.push({
      name: 'shapes:order',
      make: (count) =>
        fc.property(
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          (v) => tick() ?? count(checkOrderCase(ROOT, work, n++, v, example), v),
        ) as never,
    });
  return props;
}

const gc = (globalThis as { gc?: () => void }).gc;
let ticks = 0;

/**
 * Called before every case, shrinking included. tree-sitter trees live outside the JS heap, where
 * V8 does not see them: collect every few cases (with --expose-gc, as `npm run fuzz` runs) so that
 * the resident size stays bounded.
 */
function tick(): void {
  if (gc && ++ticks % 10 === 0) gc();
}

/** Run a campaign; never throws for a failing property (see `failed`). */
export async function runFuzz(opts: FuzzOptions): Promise<{ results: PropertyResult[]; missingSeeds: string[] }> {
  const { seeds, missing } = loadSeeds();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-fuzz-'));
  const results: PropertyResult[] = [];
  try {
    const props = properties(seeds, { limits: opts.limits ?? BOUNDED, maxCopies: opts.maxCopies ?? 200 }, tmp);
    for (const p of props) {
      const runs = opts.plan[p.name];
      if (!runs || (opts.only && !opts.only.some((x) => p.name.startsWith(x)))) continue;
      const outcomes: Record<string, number> = {};
      const slowest: PropertyResult['slowest'] = [];
      let last = Date.now();
      const count: Count = (o, value) => {
        outcomes[o] = (outcomes[o] ?? 0) + 1;
        const now = Date.now();
        const ms = now - last;
        last = now;
        if (slowest.length < 5 || ms > slowest[slowest.length - 1].ms) {
          slowest.push({ ms, value: abbreviate(value) });
          slowest.sort((a, b) => b.ms - a.ms).splice(5);
        }
        return true;
      };
      const t0 = Date.now();
      const details = await fc.check(p.make(count) as fc.IAsyncProperty<never>, {
        numRuns: runs,
        seed: opts.seed,
        endOnFailure: false,
        verbose: 0,
      });
      const r: PropertyResult = {
        name: p.name,
        runs: details.numRuns,
        failed: details.failed,
        outcomes,
        ms: Date.now() - t0,
        slowest,
      };
      if (details.failed) {
        const err =
          details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        r.report = `${fc.defaultReportMessage(details) ?? 'failed'}\nError: ${err.slice(0, 2000)}`;
      }
      results.push(r);
      opts.log?.(
        `${p.name}: ${r.runs} cases, ${r.failed ? 'FAILED' : 'ok'} in ${(r.ms / 1000).toFixed(1)} s  ${JSON.stringify(outcomes)}`,
      );
      if (opts.verbose) for (const x of slowest) opts.log?.(`  slow: ${x.ms} ms ${x.value}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { results, missingSeeds: missing };
}
