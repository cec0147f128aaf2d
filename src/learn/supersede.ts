/**
 * Adopted rules that supersede a rule of the port: where the Xen file changed what a rule makes
 * (the include run, the words of its `/* Xen: *\/` comment), a copy of the rule that makes what
 * the Xen file has now, the old one excluded in port.yaml so the reviewer sees both.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { renderReason } from '../edit/reason';
import type { Rule } from '../rules/types';
import { align } from './align';
import type { AdoptHunk, State } from './adopt-state';
import { tryCandidate } from './learn';
import { Proposal, RuleYaml, uniqueIds } from './proposal';
import { proposeIncludes } from './structural';
import type { Structure } from './structure';

/** A rule of the port replaced by an adopted copy that makes what the Xen file has now. */
export interface Superseding {
  proposal: Proposal;
  supersedes: string;
}

/**
 * The include run: when the Xen file's differs from what the port's `includes` rule makes, a new
 * rule with the Xen run (learned as `learn` does) that supersedes it.
 */
export function adoptIncludes(s: Structure, xen: string, rules: Rule[], st: State): Superseding | undefined {
  const old = rules.filter((r) => r.kind === 'includes');
  if (old.length !== 1 || st.exact) return undefined;
  const isInclude = (l: string): boolean => /^#\s*include\b/.test(l);
  const touched = st.gx.hunks.some(
    (h) => st.gx.oldLines.slice(h.a, h.b).some(isInclude) || st.gx.newLines.slice(h.xa, h.xb).some(isInclude),
  );
  if (!touched) return undefined;
  const [p] = proposeIncludes(s, align(s.text, xen));
  if (!p) return undefined;
  p.rule.id = `${old[0].id}-adopted`;
  if (old[0].reason) p.rule.reason = old[0].reason;
  delete p.rule.comment;
  if (old[0].comment === 'none' || !old[0].reason) p.rule.comment = 'none';
  p.from = `the Xen include run, which no longer is the one ${old[0].id} makes (${p.from}); supersedes ${old[0].id}`;
  return { proposal: p, supersedes: old[0].id };
}

/** The YAML of a loaded rule, read again from its file (with the file's `defaults:` filled in). */
function ruleYaml(rule: Rule): RuleYaml | undefined {
  try {
    const doc = YAML.parse(fs.readFileSync(rule.origin.file, 'utf8')) as {
      defaults?: Record<string, unknown>;
      rules?: RuleYaml[];
    };
    const own = doc.rules?.find((r) => r.id === rule.id);
    return own ? ({ ...(doc.defaults ?? {}), ...own } as RuleYaml) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A `/* Xen: reason *\/` comment a rule of the port writes, which the Xen file reworded (a typo
 * fixed, the reason changed): a copy of the rule with the Xen file's words, superseding it.
 */
export function reword(st: State, h: AdoptHunk, taken: Set<string>): Superseding | undefined {
  if (h.ga === undefined || h.gb === undefined) return undefined;
  const made = st.gx.oldLines
    .slice(h.ga, h.gb)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (made.length === 0) return undefined;
  const owner = st.acc.filter(
    (r) =>
      r.reason !== undefined &&
      r.comment !== 'none' &&
      (() => {
        const text = renderReason(r.reason as string, r.commentStyle, '')
          .split('\n')
          .map((l) => l.trim());
        return made.every((m) => text.includes(m));
      })(),
  );
  if (owner.length !== 1) return undefined;
  const x = st.gx.newLines;
  let a = Math.min(h.xa, x.length - 1);
  while (a > 0 && !x[a].includes('/*')) a--;
  let b = Math.max(a, h.xb - 1);
  while (b < x.length - 1 && !x[b].includes('*/')) b++;
  const body = x
    .slice(a, b + 1)
    .join('')
    .replace(/^\s*\/\*/, '')
    .replace(/\*\/\s*$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*? ?/, '').trimEnd());
  while (body.length && body[0] === '') body.shift();
  while (body.length && body[body.length - 1] === '') body.pop();
  if (!body[0]?.startsWith('Xen: ')) return undefined;
  body[0] = body[0].slice(5);
  const old = ruleYaml(owner[0]);
  if (!old) return undefined;
  const rule: RuleYaml = { ...old, id: `${old.id}-adopted`, reason: body.join('\n') };
  const p: Proposal = {
    rule,
    file: 'adopted.yaml',
    from: `the Xen comment of ${old.id}, reworded by the Xen file; supersedes ${old.id}`,
    hunks: [],
    general: false,
  };
  uniqueIds([p], new Set(taken));
  return { proposal: p, supersedes: owner[0].id };
}

/** A superseding copy checked like any candidate, against the port without the rule it replaces. */
export function trySuperseding(s: Structure, st: State, r: Superseding, taken: Set<string>): boolean {
  if (taken.has(r.proposal.rule.id)) return false;
  return tryCandidate(s, [r.proposal], {
    al: st.gx,
    rules: st.acc.filter((x) => x.id !== r.supersedes),
    blocks: st.run.blocks,
  });
}

/**
 * port.yaml with `adopted.yaml` added to its rule files and the superseded rules excluded (comments
 * kept); the `drifted` ones among them (rules the Linux file no longer has a match for) are said so.
 */
export function manifestWithAdopted(
  text: string,
  superseded: readonly string[] = [],
  drifted: readonly string[] = [],
): string {
  const doc = YAML.parseDocument(text);
  const rules = doc.get('rules', true) as YAML.YAMLSeq | undefined;
  if (rules && YAML.isSeq(rules) && !rules.items.some((i) => (YAML.isScalar(i) ? i.value : i) === 'adopted.yaml'))
    rules.add(doc.createNode('adopted.yaml'));
  if (superseded.length) {
    let ex = doc.get('exclude', true) as YAML.YAMLSeq | undefined;
    if (!ex || !YAML.isSeq(ex)) {
      ex = doc.createNode([]) as YAML.YAMLSeq;
      ex.flow = true;
      doc.set('exclude', ex);
    }
    for (const id of superseded)
      if (!ex.items.some((i) => (YAML.isScalar(i) ? i.value : i) === id)) ex.add(doc.createNode(id));
    // A key `doc.set` added is a plain string, which holds no comment: made a node first.
    const pair = (doc.contents as YAML.YAMLMap).items.find(
      (it) => (YAML.isScalar(it.key) ? it.key.value : it.key) === 'exclude',
    );
    if (pair && !YAML.isScalar(pair.key)) pair.key = doc.createNode('exclude');
    const replaced = superseded.filter((id) => !drifted.includes(id));
    const why = [
      replaced.length
        ? ` Superseded by rules of adopted.yaml (the Xen file changed what they make): ${replaced.join(', ')}`
        : '',
      drifted.length ? ` Retired by --adopt (no match left in the Linux file): ${drifted.join(', ')}` : '',
    ].filter((l) => l !== '');
    if (pair && YAML.isScalar(pair.key)) pair.key.commentBefore = why.join('\n');
  }
  return doc.toString({ lineWidth: 100 });
}
