/**
 * Where each output line came from, from a port's provenance (src/port/provenance.ts): the Linux
 * line it was copied from, or the rule (id, file:line, kind) and, for a Xen-owned block, the block
 * that produced it. Used by `port --annotate` and `xenport explain`, and to give every rule match
 * its output position in the JSON result.
 */
import { LineIndex } from '../diagnostics';
import type { AppliedEdit, Provenance } from '../port';

/** The origin of one output line. */
export interface LineOrigin {
  /** 1-based output line. */
  line: number;
  text: string;
  /** The Linux line the unchanged part of this line was copied from (absent: the rules wrote it all). */
  linux?: number;
  /** The edits that wrote text on this line, in output order. */
  rules: Array<{ id: string; at: string; change: string; block?: string; reason?: string }>;
}

/** The origin of every output line. */
export function lineOrigins(input: string, output: string, p: Provenance): LineOrigin[] {
  const edits = [...p.edits].sort((a, b) => a.output.start - b.output.start || a.output.end - b.output.end);
  const inLines = new LineIndex(input);
  const outLines = new LineIndex(output);
  const lines = output.split('\n');
  if (output.endsWith('\n')) lines.pop();
  return lines.map((text, i) => {
    const start = outLines.lineStart(i + 1);
    const end = start + text.length + 1;
    const touching = edits.filter((e) => e.output.end > e.output.start && e.output.start < end && e.output.end > start);
    // A character of the line outside every edit was copied from Linux: map it back to the input.
    let linux: number | undefined;
    let delta = 0;
    let k = 0;
    for (let o = start; o < end && o < output.length; o++) {
      while (k < edits.length && edits[k].output.end <= o) {
        delta = edits[k].output.end - edits[k].input.end;
        k++;
      }
      const inside = edits.some((e) => e.output.start <= o && o < e.output.end);
      if (!inside && (output[o] !== '\n' || text === '')) {
        linux = inLines.position(o - delta).line;
        break;
      }
    }
    return {
      line: i + 1,
      text,
      ...(linux !== undefined ? { linux } : {}),
      rules: touching.map((e: AppliedEdit) => ({
        id: e.ruleId,
        at: `${e.ruleAt.file}:${e.ruleAt.line}`,
        change: e.change,
        ...(e.block ? { block: e.block } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
      })),
    };
  });
}

/** One line of `--annotate` / `explain` output: `origin | text`. */
export function describeOrigin(o: LineOrigin): string {
  const parts: string[] = [];
  if (o.linux !== undefined) parts.push(`Linux ${o.linux}`);
  for (const r of o.rules) parts.push(`${r.id} (${r.at}) ${r.block ? `block '${r.block}'` : r.change}`);
  return parts.join('; ') || 'Linux';
}

/** The output with each line prefixed by its origin, aligned. */
export function annotate(origins: readonly LineOrigin[]): string {
  const heads = origins.map((o) => `${String(o.line).padStart(5)}  ${describeOrigin(o)}`);
  const width = Math.min(80, Math.max(0, ...heads.map((h) => h.length)));
  return origins.map((o, i) => `${heads[i].padEnd(width)} | ${o.text}`).join('\n') + '\n';
}

/** Map an input offset to the output, through the applied edits; undefined inside replaced or deleted text. */
export function outputOffset(p: Provenance, inputOff: number): number | undefined {
  let delta = 0;
  for (const e of [...p.edits].sort((a, b) => a.input.start - b.input.start || a.output.start - b.output.start)) {
    // Insertions at the offset come before the text there (src/edit/apply.ts), so they shift it too.
    if (e.input.end <= inputOff) delta = e.output.end - e.input.end;
    else if (e.input.start < inputOff && inputOff < e.input.end) return undefined;
  }
  return inputOff + delta;
}

/** Every rule match with its input position and, where it survives, its output position (JSON result). */
export function matchPositions(
  output: string,
  p: Provenance,
): Array<{
  rule: string;
  input: { line: number; start: number; end: number };
  output: { line: number; start: number; end: number } | null;
}> {
  const lines = new LineIndex(output);
  return p.matches.map((m) => {
    const s = outputOffset(p, m.input.start);
    const e = outputOffset(p, m.input.end);
    const out = s === undefined || e === undefined ? null : { line: lines.position(s).line, start: s, end: e };
    return { rule: m.ruleId, input: { line: m.input.line, start: m.input.start, end: m.input.end }, output: out };
  });
}

/**
 * The output range that the input range `[start, end)` became: insertions at `start` (a reason
 * comment above a change) are included, as are edits inside. Undefined when `start` lies inside
 * text an edit replaced from further up (the range was swallowed by a larger edit).
 */
export function outputRange(p: Provenance, start: number, end: number): { start: number; end: number } | undefined {
  const edits = [...p.edits].sort((a, b) => a.input.start - b.input.start || a.output.start - b.output.start);
  let delta = 0;
  for (const e of edits) {
    if (e.input.end < start || (e.input.end === start && e.input.start < start)) delta = e.output.end - e.input.end;
    else if (e.input.start < start && start < e.input.end) return undefined;
  }
  const first = edits.find((e) => e.input.start >= start && e.input.start <= end);
  const s = first && first.input.start === start ? first.output.start : start + delta;
  const e = outputOffset(p, end);
  return e === undefined || e < s ? undefined : { start: s, end: e };
}
