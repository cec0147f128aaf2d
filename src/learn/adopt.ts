/**
 * `learn --adopt`: a port that stops on XP300 (lines of the existing Xen file its rules do not
 * make, Xen-only commits to a generated file) gets rules for those lines, proposed as a separate
 * rule file for review. Each is checked with the port's own rules, as in learning.
 */
import * as YAML from 'yaml';
import type { NamedText } from '../port';
import type { Rule } from '../rules/types';
import { align } from './align';
import { candidates, hunkTag } from './local';
import { Proposal, uniqueIds } from './proposal';
import { Base, residual, sortRules, tryCandidate } from './learn';
import { compile, runRules } from './simulate';
import { buildStructure } from './structure';

/** What adoption proposes. */
export interface Adopted {
  proposals: Proposal[];
  reproduces: boolean;
  /** Xen lines (1-based) of differences no candidate reproduced. */
  unresolved: number[];
}

/** Propose rules so that `rules` plus them regenerate `xen` from `linux`. */
export function adopt(linux: NamedText, xen: NamedText, rules: Rule[]): Adopted {
  const s = buildStructure(linux.text, linux.file);
  const taken = new Set(rules.map((r) => r.id));
  const added: Proposal[] = [];
  let unresolved: number[] = [];
  for (let round = 0; round < 3; round++) {
    const acc = sortRules([...rules, ...compile(added).rules]);
    const run = runRules(s.src, acc, xen.text);
    const before = run.output;
    if (before === xen.text && run.errors.length === 0) return { proposals: added, reproduces: true, unresolved: [] };
    const lg = align(s.text, before);
    const gx = align(before, xen.text);
    const base: Base = { al: gx, rules: acc, blocks: run.blocks };
    const toXen = (l: number): number => (l >= 0 && l < lg.toNew.length && lg.toNew[l] >= 0 ? gx.toNew[lg.toNew[l]] : -1);
    unresolved = [];
    let progress = false;
    for (const lh of residual(lg, gx)) {
      const h = lh;
      let ok = false;
      for (const cand of candidates(s, lh, gx.newLines, `adopt-${hunkTag(s, lh.a)}`, toXen)) {
        uniqueIds(cand, new Set(taken));
        for (const p of cand) if (p.rule.block === '@id') p.rule.block = p.rule.id;
        if (!tryCandidate(s, cand, base)) continue;
        for (const p of cand) {
          p.file = 'adopted.yaml';
          p.from = `adopted: ${p.from}`;
          taken.add(p.rule.id);
        }
        added.push(...cand);
        ok = progress = true;
        break;
      }
      if (!ok) unresolved.push(h.xa + 1);
    }
    if (!progress) break;
  }
  const final = runRules(s.src, sortRules([...rules, ...compile(added).rules]), xen.text);
  return { proposals: added, reproduces: final.output === xen.text && final.errors.length === 0, unresolved };
}

/** port.yaml with `adopted.yaml` added to its rule files (comments kept). */
export function manifestWithAdopted(text: string): string {
  const doc = YAML.parseDocument(text);
  const rules = doc.get('rules', true) as YAML.YAMLSeq | undefined;
  if (rules && YAML.isSeq(rules) && !rules.items.some((i) => (YAML.isScalar(i) ? i.value : i) === 'adopted.yaml')) rules.add(doc.createNode('adopted.yaml'));
  return doc.toString({ lineWidth: 100 });
}
