/**
 * Partial copies against whole trees on real Linux code: every .c file of Linux 6.1's
 * drivers/iommu, with the project's rule sets. A port's folded function bodies (src/match/fold.ts)
 * must give the matches, captures and diagnostics of the whole tree, and a scan of the candidate
 * segments (src/scan) the matches of a whole-file scan, wherever the whole file parses without
 * error (where it does not, the segments may find more: an unparsable item no longer swallows
 * its neighbours). Needs Debian's linux-source-6.1 (.ci/run installs it); skipped with a message
 * elsewhere, except under CI=true where its absence is a failure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LINUX_INSTALL_HINT, linuxSourceAvailable, linuxSourcePath } from '../../scripts/linux-source';
import { matchContext, matchRules } from '../../src/match';
import type { MatchContext } from '../../src/match';
import { parseSource } from '../../src/parse';
import { loadRuleSet } from '../../src/rules';
import type { Rule } from '../../src/rules/types';
import { Prefilter, scanText } from '../../src/scan';
import { scanContext } from '../../src/scan/partial';

const available = linuxSourceAvailable();
if (!available && process.env.CI === 'true')
  throw new Error(`linux-source-6.1 is missing under CI: ${LINUX_INSTALL_HINT}`);
if (!available) console.warn(`skipped: partial copies on Linux 6.1 need the Linux source; ${LINUX_INSTALL_HINT}`);
const maybe = available ? describe : describe.skip;

/** The .c files under `dir`, sorted. */
function cFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.c')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Matches and diagnostics as comparable text. */
function outcome(ctx: MatchContext, rules: readonly Rule[]): string {
  const { results, diagnostics } = matchRules(ctx, rules);
  return JSON.stringify([
    results.map((r) => [
      r.rule.id,
      r.matches.map((m) => [
        m.start,
        m.end,
        m.nodes.map((n) => `${n.type}@${n.start}`),
        [...m.captures].map(([k, v]) => [k, v.start, v.end, v.text]),
      ]),
    ]),
    diagnostics.map((d) => [d.code, d.message, d.hint]),
  ]);
}

/** Rule sets and the files they run on: the libraries on every file, each port on its driver's successor. */
const SETS: Array<{ rules: string; only?: RegExp }> = [
  { rules: 'rules/xen-api' },
  { rules: 'bench/three-rule/xenport' },
  { rules: 'rules/smmu-v1v2', only: /arm-smmu\.c$/ },
  { rules: 'rules/smmu-v3', only: /arm-smmu-v3\.c$/ },
  { rules: 'corpus/example/rules', only: /arm-smmu|ipmmu|rockchip/ },
];

maybe('partial copies on Linux 6.1 drivers/iommu', () => {
  let files: string[] = [];
  beforeAll(() => {
    files = cFiles(linuxSourcePath('drivers/iommu') as string);
  }, 300000);

  it('a port copying only some function bodies matches as on the whole tree', () => {
    expect(files.length).toBeGreaterThan(30);
    const sets = SETS.map((s) => ({
      name: s.rules,
      only: s.only,
      rules: loadRuleSet(path.resolve(s.rules)).ruleSet?.rules ?? [],
    }));
    let copied = 0;
    let all = 0;
    for (const f of files) {
      const src = parseSource(fs.readFileSync(f, 'utf8'), path.basename(f));
      for (const s of sets) {
        if (s.only && !s.only.test(f)) continue;
        const folded = matchContext(src, s.rules);
        const whole = matchContext(src);
        copied += folded.flat.all.length;
        all += whole.flat.all.length;
        expect([f, s.name, outcome(folded, s.rules)]).toEqual([f, s.name, outcome(whole, s.rules)]);
      }
    }
    // Folding left a good part of the trees out (else this test would prove nothing).
    expect(copied / all).toBeLessThan(0.8);
  });

  it('a scan of the candidate segments finds what a whole-file scan finds', () => {
    const rules = loadRuleSet(path.resolve('rules/xen-api')).ruleSet?.rules ?? [];
    const prefilter = new Prefilter(rules);
    let compared = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const chosen = prefilter.candidates(text).map((i) => rules[i]);
      if (!chosen.length) continue;
      const src = parseSource(text, path.basename(f));
      const whole = matchRules(scanContext(src, chosen), chosen).results.flatMap((r) =>
        r.matches.map((m) => `${r.rule.id}@${m.start}`),
      );
      const segs = scanText(text, path.basename(f), rules, prefilter).hits.map(
        (h) => `${rules[h.rule].id}@${src.lines.lineStart(h.line) + h.col - 1}`,
      );
      if (src.tree.rootNode.hasError) expect(segs).toEqual(expect.arrayContaining(whole));
      else expect(segs.sort()).toEqual(whole.sort());
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
