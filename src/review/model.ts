/**
 * The review page's data: the aligned rows grouped into changes (a change is a run of edited lines,
 * or a whole `#if 0` region), each with its edits and rules; the rules with their matches; the
 * diagnostics placed at their lines. Built from a port's result and provenance; rendered by html.ts.
 */
import type { Diagnostic } from '../diagnostics';
import type { AppliedEdit, ChangeKind, NamedText, PortResult } from '../port';
import type { Rule } from '../rules/types';
import { LineIndex } from '../diagnostics';
import { alignPort, Row } from './align';
import type { CheckResult } from './checks';
import { buildUpgrade, UpgradeView } from './upgrade';

/** How a change is coloured on the page. */
export type DisplayKind = 'replace' | 'delete' | 'insert' | 'block' | 'if0';

/** All display kinds, in the order the page lists them. */
export const DISPLAY_KINDS: readonly DisplayKind[] = ['replace', 'delete', 'if0', 'insert', 'block'];

/** Labels of the display kinds. */
export const KIND_LABEL: Record<DisplayKind, string> = {
  replace: 'replaced',
  delete: 'deleted',
  if0: '#if 0',
  insert: 'inserted',
  block: 'Xen block',
};

/** The display kind of an applied edit. */
export function displayKind(c: ChangeKind): DisplayKind {
  return c === 'if0-open' || c === 'if0-close' ? 'if0' : c;
}

/** A run of rows shown together: unchanged, or part of change `change`. */
export interface Segment {
  rows: Row[];
  /** Index into `changes`, when these rows belong to a change. */
  change?: number;
  /** Unchanged Linux lines inside an `#if 0` region. */
  if0: boolean;
  /** Edits (indices into `edits`) whose text these rows show. */
  edits: number[];
}

/** One change: what the navigation visits and the filters select. The page numbers changes from 1 (`#c1`). */
export interface Change {
  kinds: DisplayKind[];
  rules: string[];
  edits: number[];
  /** The `#if 0` region this change is, if it is one (index into the provenance's regions). */
  region?: number;
}

/** A rule as the page lists it. */
export interface RuleView {
  id: string;
  kind: string;
  at: string;
  reason?: string;
  expected: string;
  found: number;
  drift: boolean;
  /** Linux line of each match, and the change it lies in. */
  matches: Array<{ line: number; change?: number }>;
}

/**
 * Where a diagnostic is shown: at a line of the Linux input, of the output, of the --xen or --base file, or in the
 * list only.
 */
export type DiagPlace = { side: 'l' | 'r' | 'xen' | 'base'; line: number } | { side: 'none' };

/** Everything the page shows. */
export interface ReviewModel {
  title: string;
  linux: NamedText;
  output: string;
  result: PortResult;
  segments: Segment[];
  changes: Change[];
  edits: AppliedEdit[];
  rules: RuleView[];
  diagnostics: Array<{ d: Diagnostic; place: DiagPlace }>;
  /** Block name to the file its text came from (block files; the --xen file for carried blocks). */
  blockSources: Map<string, string>;
  upgrade?: UpgradeView;
  checks: CheckResult[];
}

/** What the model is built from. */
export interface ReviewInput {
  linux: NamedText;
  result: PortResult;
  rules: readonly Rule[];
  xen?: NamedText;
  base?: NamedText;
  /** Block name to block file, for blocks taken from the port's `blocks/` folders. */
  blockFiles?: Map<string, string>;
  checks?: CheckResult[];
}

/** Split kept pieces at `#if 0` region boundaries and tag each segment with its region (-1: none). */
function segmentsOf(input: ReviewInput): Array<Segment & { region: number; changed: boolean }> {
  const { linux, result } = input;
  const prov = result.provenance;
  const inLines = new LineIndex(linux.text);
  const outLines = new LineIndex(result.output);
  const regionOfIn = new Int32Array(inLines.lineCount + 2).fill(-1);
  const regionOfOut = new Int32Array(outLines.lineCount + 2).fill(-1);
  prov.regions.forEach((g, i) => {
    const span = (lines: LineIndex, a: number, b: number, into: Int32Array): void => {
      for (let l = lines.position(a).line; l <= lines.position(Math.max(a, b - 1)).line; l++) into[l] = i;
    };
    span(inLines, g.input.start, g.input.end, regionOfIn);
    span(outLines, g.output.start, g.output.end, regionOfOut);
  });
  const out: Array<Segment & { region: number; changed: boolean }> = [];
  for (const p of alignPort(linux.text, result.output, prov.edits)) {
    if (p.type === 'changed') {
      const inRegion = p.rows.find((r) => r.r && regionOfOut[r.r] >= 0);
      out.push({
        rows: p.rows,
        if0: false,
        edits: p.edits,
        region: inRegion ? regionOfOut[inRegion.r] : -1,
        changed: true,
      });
      continue;
    }
    for (const row of p.rows) {
      const region = regionOfIn[row.l];
      const last = out[out.length - 1];
      if (last && !last.changed && last.region === region) last.rows.push(row);
      else out.push({ rows: [row], if0: region >= 0, edits: [], region, changed: false });
    }
  }
  return out;
}

/** Group segments into changes: adjacent edited runs form one change, and so does each `#if 0` region. */
function groupChanges(
  segs: Array<Segment & { region: number; changed: boolean }>,
  edits: readonly AppliedEdit[],
  input: ReviewInput,
): Change[] {
  const changes: Change[] = [];
  let prevKey: string | undefined;
  for (const s of segs) {
    const key = s.region >= 0 ? `R${s.region}` : s.changed ? 'C' : undefined;
    if (key === undefined) {
      prevKey = undefined;
      continue;
    }
    if (key !== prevKey) {
      const region = s.region >= 0 ? s.region : undefined;
      changes.push({ kinds: [], rules: [], edits: [], ...(region !== undefined ? { region } : {}) });
    }
    prevKey = key;
    const c = changes[changes.length - 1];
    s.change = changes.length - 1;
    c.edits.push(...s.edits);
  }
  for (const c of changes) {
    const kinds = new Set<DisplayKind>(c.edits.map((i) => displayKind(edits[i].change)));
    const rules = new Set<string>(c.edits.map((i) => edits[i].ruleId));
    if (c.region !== undefined) {
      kinds.add('if0');
      rules.add(input.result.provenance.regions[c.region].ruleId);
    }
    c.kinds = DISPLAY_KINDS.filter((k) => kinds.has(k));
    c.rules = [...rules];
  }
  return changes;
}

/** Where each diagnostic is shown. */
function placeDiagnostics(input: ReviewInput): Array<{ d: Diagnostic; place: DiagPlace }> {
  const outFile = `${input.linux.file} (output)`;
  return input.result.diagnostics.map((d) => {
    const loc = d.location;
    if (!loc) return { d, place: { side: 'none' } };
    if (loc.file === input.linux.file) return { d, place: { side: 'l', line: loc.line } };
    if (loc.file === outFile) return { d, place: { side: 'r', line: loc.line } };
    if (input.xen && loc.file === input.xen.file) return { d, place: { side: 'xen', line: loc.line } };
    if (input.base && loc.file === input.base.file) return { d, place: { side: 'base', line: loc.line } };
    return { d, place: { side: 'none' } };
  });
}

/** Build the review model of a port. */
export function buildReview(input: ReviewInput): ReviewModel {
  const { result } = input;
  const edits = result.provenance.edits;
  const segs = segmentsOf(input);
  const changes = groupChanges(segs, edits, input);
  const changeOfLine = new Map<number, number>();
  for (const s of segs) if (s.change !== undefined) for (const r of s.rows) if (r.l) changeOfLine.set(r.l, s.change);
  const byReport = new Map(result.report.rules.map((r) => [r.id, r]));
  const rules: RuleView[] = input.rules.map((rule) => {
    const rep = byReport.get(rule.id);
    const matches = result.provenance.matches
      .filter((m) => m.ruleId === rule.id)
      .map((m) => {
        const change = changeOfLine.get(m.input.line);
        return { line: m.input.line, ...(change !== undefined ? { change } : {}) };
      });
    return {
      id: rule.id,
      kind: rule.kind,
      at: `${rule.origin.file}:${rule.origin.line}`,
      ...(rule.reason !== undefined ? { reason: rule.reason } : {}),
      expected: rule.expect.text,
      found: rep?.matches ?? 0,
      drift: rep?.drift ?? false,
      matches,
    };
  });
  const blockSources = new Map<string, string>();
  for (const b of result.report.blocks) {
    if (b.source === 'existing-xen' && input.xen) blockSources.set(b.name, input.xen.file);
    else if (b.source === 'block-file' && input.blockFiles?.get(b.name))
      blockSources.set(b.name, input.blockFiles.get(b.name) as string);
  }
  const base = input.linux.file.replace(/^.*[\\/]/, '');
  return {
    title: `${base}: xenport review`,
    linux: input.linux,
    output: result.output,
    result,
    segments: segs.map(({ rows, change, if0, edits: e }) => ({
      rows,
      if0,
      edits: e,
      ...(change !== undefined ? { change } : {}),
    })),
    changes,
    edits,
    rules,
    diagnostics: placeDiagnostics(input),
    blockSources,
    ...(input.xen || input.base ? { upgrade: buildUpgrade(input, changes, segs) } : {}),
    checks: input.checks ?? [],
  };
}
