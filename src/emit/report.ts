/** Human and JSON forms of the port report and diagnostics. */
import { Diagnostic, formatDiagnostic } from '../diagnostics';
import type { PortReport } from '../port';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The human report: one line per rule, then totals. */
export function formatReport(r: PortReport): string {
  const idW = Math.max(4, ...r.rules.map((x) => x.id.length));
  const lines = [
    `xenport: ${r.input}: ${r.inputLines} Linux lines -> ${r.outputLines} Xen lines`,
    `  ${'rule'.padEnd(idW)}  ${'kind'.padEnd(8)} ${'expect'.padStart(6)} ${'found'.padStart(5)} ${'lines'.padStart(5)}`,
    ...r.rules.map((x) => `${x.drift ? '! ' : '  '}${x.id.padEnd(idW)}  ${x.kind.padEnd(8)} ${x.expected.padStart(6)} ${String(x.matches).padStart(5)} ${String(x.linesTouched).padStart(5)}`),
    `  Linux lines kept verbatim: ${r.linesVerbatim} of ${r.inputLines} (${pct(r.shareVerbatim)})`,
    `  #if 0 regions: ${r.ifZeroRegions} (${r.linesInIfZero} Linux lines inside)`,
  ];
  if (r.blocks.length) {
    lines.push(`  blocks: ${r.blocks.map((b) => `${b.name} (${b.lines} lines, ${b.source})`).join(', ')}`);
  }
  const drifted = r.rules.filter((x) => x.drift).length;
  if (drifted) lines.push(`  drift: ${drifted} of ${r.rules.length} rules no longer fit (marked !, details above)`);
  lines.push(`  syntax error regions: input ${r.syntaxErrors.input}, output ${r.syntaxErrors.output}`);
  lines.push(`  ${r.counts.errors} error(s), ${r.counts.warnings} warning(s), ${r.counts.infos} info(s)`);
  return lines.join('\n');
}

/** Diagnostics for the terminal; infos only when `verbose`. */
export function formatDiagnostics(ds: readonly Diagnostic[], verbose: boolean): string {
  return ds.filter((d) => verbose || d.severity !== 'info').map(formatDiagnostic).join('\n');
}

/** The machine-readable result printed by --json. */
export function jsonResult(args: { ok: boolean; exitCode: number; report?: PortReport; diagnostics: Diagnostic[]; written?: string; diff?: string; matches?: unknown[]; edits?: unknown[] }): string {
  return JSON.stringify(args, null, 2);
}
