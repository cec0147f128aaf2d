/**
 * Provenance returned by `port()`: every applied edit with its rule and its input and output
 * ranges. Checked by rebuilding the output from the input and the traced edits, on the shipped
 * example (every rule kind) and on small cases where several edits share an offset.
 */
import * as fs from 'fs';
import * as path from 'path';
import { port, PortResult } from '../../src/port';
import { loadRuleSet } from '../../src/rules';
import { readBlockFiles } from '../../src/rules';
import { c, portWith } from '../core/helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'corpus', 'example');

function portExample(): { input: string; r: PortResult } {
  const loaded = loadRuleSet(path.join(EXAMPLE, 'rules'));
  if (!loaded.ruleSet) throw new Error('example rules do not load');
  const input = fs.readFileSync(path.join(EXAMPLE, 'linux.c'), 'utf8');
  const r = port({ text: input, file: 'linux.c' }, loaded.ruleSet, {
    blockFiles: readBlockFiles(loaded.ruleSet.blockDirs).blocks,
  });
  return { input, r };
}

/** The output is the input with each traced input range replaced by its traced output range. */
function rebuild(input: string, r: PortResult): string {
  let out = '';
  let inAt = 0;
  let outAt = 0;
  for (const e of r.provenance.edits) {
    expect(e.input.start).toBeGreaterThanOrEqual(inAt);
    expect(e.output.start - outAt).toBe(e.input.start - inAt); // unchanged text between edits
    out += input.slice(inAt, e.input.start) + r.output.slice(e.output.start, e.output.end);
    inAt = e.input.end;
    outAt = e.output.end;
  }
  return out + input.slice(inAt);
}

describe('port() provenance', () => {
  it('traces every edit of the shipped example to its place in the output', () => {
    const { input, r } = portExample();
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.provenance.edits.length).toBeGreaterThan(20);
    expect(rebuild(input, r)).toBe(r.output);
    expect(r.output).toBe(fs.readFileSync(path.join(EXAMPLE, 'xen.c'), 'utf8'));
  });

  it('names the rule, its file:line, its reason and what each edit did', () => {
    const { input, r } = portExample();
    const kinds = new Set(r.provenance.edits.map((e) => e.change));
    for (const k of ['replace', 'delete', 'insert', 'block', 'if0-open', 'if0-close']) expect(kinds).toContain(k);
    const abort = r.provenance.edits.find((e) => e.ruleId === 'unclaimed-streams-abort' && e.change === 'replace')!;
    expect(abort.ruleKind).toBe('replace');
    expect(abort.reason).toBe('Unlike Linux, streams that no domain has claimed are aborted');
    expect(abort.ruleAt.file).toMatch(/policy\.yaml$/);
    const yamlLines = fs.readFileSync(path.join(EXAMPLE, 'rules', 'policy.yaml'), 'utf8').split('\n');
    expect(yamlLines[abort.ruleAt.line - 1]).toContain('id: unclaimed-streams-abort');
    expect(input.slice(abort.input.start, abort.input.end)).toBe('ACME_STE_BYPASS');
    expect(r.output.slice(abort.output.start, abort.output.end)).toBe('ACME_STE_ABORT');
    expect(input.split('\n')[abort.input.line - 1]).toContain('ACME_STE_BYPASS');
    const matches = r.provenance.matches.filter((m) => m.ruleId === 'probe-error-returns');
    expect(matches.length).toBe(5);
    for (const m of matches) expect(input.slice(m.input.start, m.input.end)).toMatch(/^return -\w+;$/);
    expect(r.output.split('\n')[abort.output.line - 1]).toContain('ACME_STE_ABORT');
    for (const e of r.provenance.edits.filter((x) => x.change === 'delete')) expect(e.output.end).toBe(e.output.start);
    for (const e of r.provenance.edits.filter((x) => x.change === 'block')) {
      expect(e.block).toBeDefined();
      expect(r.output.slice(e.output.start, e.output.end)).not.toContain('XENPORT-BLOCK');
    }
  });

  it('gives each #if 0 region its Linux text and its place in the output, markers included', () => {
    const { input, r } = portExample();
    expect(r.provenance.regions.length).toBe(r.report.ifZeroRegions);
    for (const g of r.provenance.regions) {
      const text = r.output.slice(g.output.start, g.output.end);
      expect(text).toMatch(/^#if 0\b/);
      expect(text).toMatch(/#endif\n$/);
      expect(text).toContain(input.slice(g.input.start, g.input.end));
    }
  });

  it('orders a replacement and insertions at one offset as applyEdits does', () => {
    const src = c`
      int f(void)
      {
      \treturn old(1);
      }
    `;
    const r = portWith(
      src,
      c`
      rules:
        - id: a-new
          kind: replace
          reason: renamed in Xen
          comment: above
          pattern: "old($X)"
          with: "new($X)"
          expect: 1
        - id: b-before
          kind: insert
          where: before
          pattern: "return $E;"
          text: "x = 1;"
          comment: none
          expect: 1
    `,
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(rebuild(src, r)).toBe(r.output);
    const ids = r.provenance.edits.map((e) => `${e.ruleId}:${e.change}`);
    expect(ids).toEqual(expect.arrayContaining(['a-new:replace', 'a-new:insert', 'b-before:insert']));
  });

  it('is empty when the input is refused', () => {
    const r = portWith('this is not C at all, just prose.\n'.repeat(20), 'rules: []\n');
    expect(r.diagnostics.map((d) => d.code)).toContain('XP005');
    expect(r.provenance).toEqual({ edits: [], regions: [], matches: [] });
  });
});
