/**
 * Rendering a learned port as the files of a port folder: port.yaml and one YAML rule file per
 * concern, each rule with a comment saying what it was learned from. Deterministic: the same
 * proposals give the same bytes.
 */
import * as YAML from 'yaml';
import { ordered, Proposal, RULE_FILES, RuleFile } from './proposal';

const FILE_HEADERS: Record<RuleFile, string> = {
  'includes.yaml': ' The Linux include run, replaced by the Xen one.',
  'dead-code.yaml': ' Linux code the Xen file keeps inside #if 0 regions.',
  'deleted.yaml': ' Linux items the Xen file does not have.',
  'api.yaml': ' Call-site changes made the same way at every place (metavariables).',
  'blocks.yaml': ' Xen-owned text, carried over from the existing Xen file (--xen); never copied here.',
  'local.yaml': ' Local rewrites, each anchored at one place.',
  'adopted.yaml':
    ' Proposed by `xenport learn --adopt` for lines of the Xen file the rules did not\n reproduce: review, then move the rules you keep into the other files.',
};

/** The text of one rule file. */
export function renderRuleFile(file: RuleFile, ps: Proposal[]): string {
  const doc = new YAML.Document({ rules: ps.map((p) => ordered(p.rule)) });
  doc.commentBefore = `${FILE_HEADERS[file]}\n Learned by xenport learn.`;
  const seq = doc.get('rules', true) as YAML.YAMLSeq<YAML.YAMLMap>;
  seq.items.forEach((item, i) => {
    item.commentBefore = ` ${ps[i].from.replace(/\n/g, ' ')}`;
    if (i > 0) item.spaceBefore = true;
    for (const key of ['scope']) {
      const n = item.get(key, true) as YAML.YAMLMap | undefined;
      if (n && YAML.isMap(n)) n.flow = true;
    }
    for (const key of ['include', 'add', 'function', 'struct', 'declaration', 'macro', 'call']) {
      const n = item.get(key, true) as YAML.YAMLSeq | undefined;
      if (n && YAML.isSeq(n) && n.items.length <= 4) n.flow = true;
    }
  });
  return doc.toString({ lineWidth: 0 });
}

/** The files of a port folder: port.yaml and the rule files that have rules. */
export function renderPort(
  name: string,
  description: string,
  ps: Proposal[],
  include: Array<string | { path: string; files: string[] }> = [],
): Map<string, string> {
  const files = new Map<string, string>();
  const used: RuleFile[] = [];
  for (const f of [...RULE_FILES, 'adopted.yaml' as const]) {
    const mine = ps.filter((p) => p.file === f);
    if (mine.length === 0) continue;
    used.push(f);
    files.set(f, renderRuleFile(f, mine));
  }
  const manifest = new YAML.Document({ name, description, ...(include.length ? { include } : {}), rules: used });
  manifest.commentBefore = ' Learned by `xenport learn` from a Linux file and its existing Xen port.';
  files.set('port.yaml', manifest.toString({ lineWidth: 100 }));
  return files;
}
