/**
 * An existing rule library (rules/xen-api) used where it already explains a change: for each of
 * its groups (the folders its port.yaml includes), the learned rules whose every edit lies inside
 * an edit of the group's rules, run alone on the Linux file. The caller includes the group in
 * place of those rules only if the real port() still regenerates the Xen file byte for byte.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../diagnostics';
import { diag } from '../diagnostics';
import { loadRuleSet, parsePortManifest } from '../rules';
import type { Rule } from '../rules/types';
import type { Proposal } from './proposal';
import { compile, runWithPlaceholders } from './simulate';
import type { Structure } from './structure';

/** One group of a library: a folder a port can include on its own. */
export interface LibraryGroup {
  /** The group's name (its folder, relative to the library). */
  name: string;
  /** The group's folder. */
  dir: string;
  rules: Rule[];
}

/**
 * The groups of the library in `dir`, in the order its port.yaml includes them; a library that
 * includes nothing is one group (itself). Diagnostics when the library or a group does not load.
 */
export function libraryGroups(dir: string): { groups: LibraryGroup[]; diagnostics: Diagnostic[] } {
  const manifestFile = path.join(dir, 'port.yaml');
  let text: string;
  try {
    text = fs.readFileSync(manifestFile, 'utf8');
  } catch {
    return {
      groups: [],
      diagnostics: [
        diag('XP100', `rule library ${dir} has no port.yaml`, { location: { file: manifestFile, line: 1, col: 1 } }),
      ],
    };
  }
  const m = parsePortManifest(text, manifestFile);
  if (!m.manifest) return { groups: [], diagnostics: m.diagnostics };
  const names = m.manifest.include.length ? m.manifest.include.map((e) => e.path) : ['.'];
  const groups: LibraryGroup[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const gdir = path.join(dir, name);
    const loaded = loadRuleSet(gdir);
    if (!loaded.ruleSet) diagnostics.push(...loaded.diagnostics);
    else groups.push({ name, dir: gdir, rules: loaded.ruleSet.rules });
  }
  return { groups, diagnostics };
}

/** The [start, end) character spans the rules edit, run alone on the Linux file. */
function spans(s: Structure, rules: Rule[]): Array<[number, number]> {
  return runWithPlaceholders(s.src, rules).edits.map((e) => [e.start, e.end]);
}

/**
 * The proposals (call-site and local rewrites) whose every edit lies inside an edit the group's
 * rules make on the Linux file: the group explains them. Empty when the group edits nothing.
 */
export function coveredBy(s: Structure, group: LibraryGroup, ps: readonly Proposal[]): Proposal[] {
  const theirs = spans(s, group.rules);
  if (theirs.length === 0) return [];
  const inside = ([a, b]: [number, number]): boolean => theirs.some(([c, d]) => c <= a && b <= d);
  return ps.filter((p) => {
    if (p.file !== 'api.yaml' && p.file !== 'local.yaml') return false;
    if (p.rule.block !== undefined) return false;
    const cc = compile([p]);
    if (cc.failed.length) return false;
    const mine = spans(s, cc.rules);
    return mine.length > 0 && mine.every(inside);
  });
}
