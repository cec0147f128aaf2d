/**
 * Which input files an included folder's rules apply to, independent of the order of `include:`
 * entries. A folder reached by several include paths is loaded once; its `files:` come from its
 * nearest inclusion (fewest include steps from the port): the entry's own `files:`, else those of
 * the folder that includes it. Two nearest inclusions that disagree are an error (XP113), never
 * settled by which entry was read first.
 */
import { diag } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import type { ManifestEntry } from './manifest';

/** One `include:` entry: from folder to folder (canonical paths), as written. */
export interface IncludeEdge {
  from: string;
  to: string;
  entry: ManifestEntry;
}

/** Where a folder sits in the include graph: its depth and the `files:` its rules get. */
export interface IncludeScope {
  depth: number;
  files?: string[];
}

const key = (files: string[] | undefined): string => (files ? JSON.stringify([...files].sort()) : '*');

/**
 * Breadth-first from `root` over the include edges: every folder's depth and `files:`. Reports
 * XP113 at each entry of a folder whose nearest inclusions give different `files:`.
 */
export function resolveIncludes(
  root: string,
  edges: readonly IncludeEdge[],
  out: Diagnostic[],
): Map<string, IncludeScope> {
  const scopes = new Map<string, IncludeScope>([[root, { depth: 0 }]]);
  let level = [root];
  for (let depth = 1; level.length > 0; depth++) {
    const from = new Set(level);
    const offers = new Map<string, Array<{ files?: string[]; edge: IncludeEdge }>>();
    for (const e of edges) {
      if (!from.has(e.from) || scopes.has(e.to)) continue;
      const files = e.entry.files ?? scopes.get(e.from)?.files;
      offers.set(e.to, [...(offers.get(e.to) ?? []), { ...(files ? { files } : {}), edge: e }]);
    }
    for (const [to, list] of offers) {
      const kinds = new Set(list.map((o) => key(o.files)));
      if (kinds.size > 1) {
        const where = list
          .map(
            (o) =>
              `${o.edge.entry.location.file}:${o.edge.entry.location.line} (files: ${o.files ? o.files.join(', ') : 'all'})`,
          )
          .sort();
        const at = (o: (typeof list)[number]): string =>
          `${o.edge.entry.location.file}\0${String(o.edge.entry.location.line).padStart(9, '0')}`;
        for (const o of [...list].sort((a, b) => (at(a) < at(b) ? -1 : 1))) {
          out.push(
            diag(
              'XP113',
              `folder ${o.edge.entry.path} is included ${depth} step(s) from the port with different files: ${where.join('; ')}`,
              { location: o.edge.entry.location },
            ),
          );
        }
      }
      scopes.set(to, { depth, ...(list[0].files ? { files: list[0].files } : {}) });
    }
    level = [...offers.keys()];
  }
  return scopes;
}
