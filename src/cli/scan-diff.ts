/**
 * `scan --diff`: each match of a scan with the rewrite its rule makes there. The files with matches
 * are ported with the scanned rules (each accepting any count: a scan is not a port, so no drift),
 * and each match's Linux lines are shown as `-` lines and the output lines they became as `+`
 * lines (from the port's provenance). A match whose edit another rule swallows shows no `+` line.
 */
import { Diagnostic, LineIndex } from '../diagnostics';
import { FileRewrites, HitRewrite, outputRange } from '../emit';
import { port } from '../port';
import type { Rule } from '../rules/types';
import type { FileOutcome } from '../scan';
import * as fs from 'fs';
import * as path from 'path';
import { loadRuleSet } from '../rules';
import { readBlockFiles } from '../rules';
import { readSource } from './files';
import { anyCount } from './rule-select';

/** The block folders of the scanned rules: the port's (with its includes'), or `blocks/` beside a rule folder. */
function blockDirsOf(rulesPath: string): string[] {
  if (fs.existsSync(path.join(rulesPath, 'port.yaml'))) return loadRuleSet(rulesPath).ruleSet?.blockDirs ?? [];
  return [path.join(rulesPath, 'blocks')];
}

/** The whole lines of `text` between two offsets. */
function linesOf(text: string, from: number, to: number): string[] {
  if (to <= from) return [];
  const a = text.lastIndexOf('\n', from - 1) + 1;
  const nl = text.indexOf('\n', Math.max(from, to - 1));
  const b = nl < 0 ? text.length : nl;
  return text.slice(a, b).split('\n');
}

/** What `scan --diff` shows (src/emit/format renders it): for each file with matches, each match and its rewrite. */
export function hitRewrites(
  rules: readonly Rule[],
  outcomes: readonly FileOutcome[],
  rulesPath: string,
): { files: FileRewrites[]; diagnostics: Diagnostic[] } {
  const files: FileRewrites[] = [];
  const diagnostics: Diagnostic[] = [];
  const ruleSet = { name: 'scan', dir: '.', rules: rules.map(anyCount), blockDirs: [], files: [] };
  const blockFiles = readBlockFiles(blockDirsOf(rulesPath)).blocks;
  for (const o of outcomes) {
    if (o.hits.length === 0) continue;
    const src = readSource(o.file);
    if (!src.ok) {
      diagnostics.push(...src.diagnostics);
      continue;
    }
    const input = src.value.text.replace(/\r\n/g, '\n');
    const r = port({ text: input, file: o.file }, ruleSet, { blockFiles });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    const hits: HitRewrite[] = [];
    files.push({ file: o.file, errors, hits });
    const lines = new LineIndex(input);
    for (const h of o.hits) {
      // Whole lines: a reason comment inserted above a change belongs to the rewrite.
      const from = lines.lineStart(h.line);
      const to = h.endLine < lines.lineCount ? lines.lineStart(h.endLine + 1) : input.length;
      const hit: HitRewrite = { line: h.line, col: h.col, rule: rules[h.rule].id, removed: linesOf(input, from, to) };
      hits.push(hit);
      if (errors.length) continue;
      // The rule's own edit may reach beyond the match (a deletion takes a blank line above with it).
      const own = r.provenance.edits.filter((e) => e.ruleId === hit.rule && e.input.start < to && e.input.end > from);
      const start = Math.min(from, ...own.map((e) => e.input.start));
      const range = outputRange(r.provenance, start, Math.max(to, ...own.map((e) => e.input.end)));
      if (range && range.end > range.start) hit.added = linesOf(r.output, range.start, range.end);
      else hit.added = range ? 'deleted' : 'swallowed';
    }
  }
  return { files, diagnostics };
}
