/**
 * The rule-kind cases kept as files side by side, like Coccinelle's tests/*.c, *.cocci, *.res
 * (format: docs/testing.md): test/fixtures/kinds/<kind>/<case>.yaml holds the rules,
 * <case>.c the input (or the folder's input.c), <case>.res the expected output, <case>.diag the
 * expected diagnostics, <case>.report.json expected fields of the port report and <case>.blocks/
 * the block files. `runCase` ports a case the way `xenport port` does and returns what it gives.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../../src/diagnostics';
import { port } from '../../src/port';
import type { PortReport } from '../../src/port';
import { parseRuleFile } from '../../src/rules';
import type { RuleSet } from '../../src/rules/types';

/** The folder of the rule-kind cases. */
export const KIND_FIXTURES = path.join(__dirname, '..', 'fixtures', 'kinds');

/** One case: its kind folder, its name, and what its rules file says it shows. */
export interface KindCase {
  kind: string;
  name: string;
  /** The first line of the rules file, a `# ...` comment. */
  title: string;
  /** Path of the case without extension. */
  base: string;
}

/** Every case under `root`, sorted by kind and name. */
export function kindCases(root = KIND_FIXTURES): KindCase[] {
  return fs
    .readdirSync(root)
    .sort()
    .flatMap((kind) =>
      fs
        .readdirSync(path.join(root, kind))
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => {
          const base = path.join(root, kind, f.replace(/\.yaml$/, ''));
          const first = fs.readFileSync(`${base}.yaml`, 'utf8').split('\n')[0];
          return { kind, name: path.basename(base), title: first.replace(/^#\s*/, ''), base };
        }),
    );
}

/** A file of the case, or undefined when it has none. */
export function caseFile(c: KindCase, ext: string): string | undefined {
  const f = `${c.base}${ext}`;
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined;
}

/** Diagnostics as a .diag file spells them: `severity CODE file:line:col message`, then `  hint: ...`. */
export function diagText(ds: readonly Diagnostic[]): string {
  return ds
    .map((d) => {
      const at = d.location ? ` ${path.basename(d.location.file)}:${d.location.line}:${d.location.col}` : '';
      return `${d.severity} ${d.code}${at} ${d.message}\n${d.hint ? `  hint: ${d.hint}\n` : ''}`;
    })
    .join('');
}

/** What running a case gives: the diagnostics (of rules check, or of the port) and the port's output and report. */
export interface CaseRun {
  /** True when rules check rejected the rules (there is no port then). */
  rejected: boolean;
  diag: string;
  output?: string;
  report?: PortReport;
}

/** Block files of the case (`<case>.blocks/<name>.<ext>`), by block name. */
function blockFiles(c: KindCase): Map<string, { text: string; file: string }> | undefined {
  const dir = `${c.base}.blocks`;
  if (!fs.existsSync(dir)) return undefined;
  return new Map(
    fs
      .readdirSync(dir)
      .map((f) => [
        f.replace(/\.[^.]*$/, ''),
        { text: fs.readFileSync(path.join(dir, f), 'utf8'), file: `blocks/${f}` },
      ]),
  );
}

/** Check the case's rules, and when they pass, port its input (named in.c) with them. */
export function runCase(c: KindCase): CaseRun {
  const parsed = parseRuleFile(caseFile(c, '.yaml') ?? '', 'rules.yaml');
  if (parsed.diagnostics.some((d) => d.severity === 'error'))
    return { rejected: true, diag: diagText(parsed.diagnostics) };
  const rules = [...parsed.rules].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r, i) => ({ ...r, order: i }));
  const set: RuleSet = { name: c.kind, dir: '.', rules, blockDirs: [], files: ['rules.yaml'] };
  const input = caseFile(c, '.c') ?? fs.readFileSync(path.join(path.dirname(c.base), 'input.c'), 'utf8');
  const blocks = blockFiles(c);
  const r = port({ text: input, file: 'in.c' }, set, blocks ? { blockFiles: blocks } : {});
  return {
    rejected: false,
    diag: diagText([...parsed.diagnostics, ...r.diagnostics]),
    output: r.output,
    report: r.report,
  };
}
