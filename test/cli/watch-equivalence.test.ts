/**
 * A watch session's port equals a fresh port: after each of several rule edits (a template, a
 * pattern, a rule added, a scope and an `unless` added, lines shifted, a rule removed, all undone),
 * the port through the session's memos (src/cli/watch-command.ts `portMemos`: compiled rules,
 * parses, match contexts and rule matches) gives the output, diagnostics, report (all but its
 * timings) and provenance of a port with a fresh load and no memo. Also checked: the memo matches
 * again only the rules that changed, the matches it keeps are never changed by the rest of a
 * port, and some outputs were shaped only around their change (src/port/output-shape.ts). On the
 * example always; on SMMUv1 (carry-over from its Xen file) and an SMMUv3 upgrade (base file,
 * paired header, raw queries) with the shared corpus.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { portMemos } from '../../src/cli/watch-command';
import * as outputShape from '../../src/port/output-shape';
import { portFiles, PortFilesResult } from '../../src/cli/port-files';
import type { Match, MatchContext, RuleRunner } from '../../src/match';
import type { MacroHints } from '../../src/parse';
import type { ParseText } from '../../src/port';
import { CORPUS, itWithCorpus } from '../core/corpus-gate';

const ROOT = path.resolve(__dirname, '..', '..');

/** A rule edit: in `file` (relative to the copied rules folder), `from` (which must be there) becomes `to`. */
interface RuleEdit {
  what: string;
  file: string;
  from: string;
  to: string;
  /** How many rules the memo must match again after this edit (checked when given). */
  rematched?: number;
  /** Whether the match context must be copied again (a new fold decision), or kept (checked when given). */
  refolds?: boolean;
}

/** The port's result without what may differ between two equal ports: the report's timings. */
function comparable(r: PortFilesResult): unknown {
  if (!r.ok) return r;
  const { timingsMs: _t, ...report } = r.result.report;
  return { ...r, result: { ...r.result, report } };
}

/** A match as plain data (nodes by type and range, captures by name, range and text). */
function plainMatch(m: Match): unknown {
  return {
    start: m.start,
    end: m.end,
    name: m.name,
    kind: m.kind,
    nodes: m.nodes.map((n) => [n.type, n.start, n.end, n.children.length]),
    captures: [...m.captures].map(([k, c]) => [k, c.start, c.end, c.text, c.nodes.length]),
  };
}

/**
 * Port `input` through one set of watch memos after each edit of `edits` (applied one after the
 * other to a copy of `rulesDir`), and compare each with a fresh port.
 */
function checkEdits(
  rulesDir: string,
  files: { input: string; xen?: string; base?: string },
  edits: RuleEdit[],
  portSubdir = '',
): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-watch-eq-'));
  try {
    // With `portSubdir`, the whole rules tree is copied (the port includes sibling folders).
    fs.cpSync(portSubdir ? path.dirname(rulesDir) : rulesDir, path.join(tmp, 'rules'), { recursive: true });
    const rules = portSubdir ? path.join(tmp, 'rules', portSubdir) : path.join(tmp, 'rules');
    const memos = portMemos();
    let runs = 0;
    const kept: Array<{ matches: Match[]; seen: string }> = [];
    const run: RuleRunner = (ctx, rule, fresh) =>
      memos.match.run(ctx, rule, () => {
        runs++;
        const o = fresh();
        const matches = o.result?.matches ?? [];
        kept.push({ matches, seen: JSON.stringify(matches.map(plainMatch)) });
        return o;
      });
    let contexts: MatchContext[] = [];
    let lastContexts: MatchContext[] = [];
    const context: typeof memos.match.context = (...a) => {
      const ctx = memos.match.context(...a);
      contexts.push(ctx);
      return ctx;
    };
    const match = { ...memos.match, run, context };
    // Outputs parsed from the last output (src/port/parse-memo.ts), counted: the path must be taken.
    let fromLast = 0;
    const parse: ParseText = Object.assign(
      (text: string, file: string, hints?: MacroHints) => memos.parse(text, file, hints),
      memos.parse,
      {
        fromLastOutput: (output: string, file: string, hints: MacroHints | undefined) => {
          const r = memos.parse.fromLastOutput?.(output, file, hints);
          if (r) fromLast++;
          return r;
        },
      },
    );
    const warm = () => {
      runs = 0;
      lastContexts = contexts;
      contexts = [];
      const r = portFiles({ ...files, rules, loadRules: memos.loadRules, parse, match });
      memos.nextPort();
      // What watch does while idle: the spare trees the next port edits.
      memos.prepare();
      return r;
    };
    const cold = () => portFiles({ ...files, rules });
    // Outputs shaped only around their change from the last one (src/port/output-shape.ts), counted.
    let reshaped = 0;
    const reshape = outputShape.reshapeOutput;
    jest.spyOn(outputShape, 'reshapeOutput').mockImplementation((...a) => {
      const r = reshape(...a);
      if (r) reshaped++;
      return r;
    });
    const first = warm();
    expect(first.ok).toBe(true);
    expect(comparable(first)).toEqual(comparable(cold()));
    for (const e of edits) {
      const file = path.join(rules, e.file);
      const text = fs.readFileSync(file, 'utf8');
      if (!text.includes(e.from)) throw new Error(`${e.what}: ${e.file} does not hold ${JSON.stringify(e.from)}`);
      fs.writeFileSync(
        file,
        text.replace(e.from, () => e.to),
      );
      memos.rulesChanged();
      const w = warm();
      expect({ edit: e.what, result: comparable(w) }).toEqual({ edit: e.what, result: comparable(cold()) });
      if (e.refolds !== undefined)
        expect({ edit: e.what, refolds: contexts.some((c, i) => c !== lastContexts[i]) }).toEqual({
          edit: e.what,
          refolds: e.refolds,
        });
      if (e.rematched !== undefined)
        expect({ edit: e.what, rematched: runs }).toEqual({ edit: e.what, rematched: e.rematched });
    }
    expect(fromLast).toBe(edits.length);
    expect(reshaped).toBeGreaterThan(0);
    // Nothing downstream of matching changed a kept match, in any of these ports.
    for (const k of kept) expect(JSON.stringify(k.matches.map(plainMatch))).toBe(k.seen);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Every edit undone, in reverse order (the port then equals the first again). */
const undo = (edits: RuleEdit[]): RuleEdit[] =>
  [...edits].reverse().map((e) => ({ what: `undo ${e.what}`, file: e.file, from: e.to, to: e.from }));

afterEach(() => jest.restoreAllMocks());

describe('a watch session port equals a fresh port after rule edits', () => {
  it('on the example', () => {
    const edits: RuleEdit[] = [
      {
        what: 'template',
        file: 'api.yaml',
        from: 'with: "xzalloc_bytes($SIZE)"',
        to: 'with: "xzalloc_bytes($SIZE + 1)"',
        rematched: 1,
        refolds: false,
      },
      {
        what: 'pattern that no longer matches (drift)',
        file: 'api.yaml',
        from: 'pattern: "$DOM->pgtbl.ptes_phys"',
        to: 'pattern: "$DOM->pgtbl.ptes_virt"',
        rematched: 1,
      },
      {
        what: 'a rule added that overlaps another',
        file: 'api.yaml',
        from: 'rules:\n',
        to: 'rules:\n  - id: aaa-overlap\n    kind: replace\n    reason: test\n    comment: none\n    pattern: "devm_request_irq($$$ARGS)"\n    with: "other_irq($$$ARGS)"\n',
      },
      {
        what: 'an unless added',
        file: 'api.yaml',
        from: '    with: "acme_request_irq($$$ARGS)"\n',
        to: '    with: "acme_request_irq($$$ARGS)"\n    unless: "devm_request_irq($D, 0, $$$REST)"\n',
      },
      {
        what: 'a scope added',
        file: 'api.yaml',
        from: '    pattern: "devm_request_irq($DEV, $$$ARGS)"\n',
        to: '    scope: { function: acme_probe }\n    pattern: "devm_request_irq($DEV, $$$ARGS)"\n',
      },
    ];
    checkEdits(
      path.join(ROOT, 'corpus', 'example', 'rules'),
      { input: path.join(ROOT, 'corpus', 'example', 'linux.c'), xen: path.join(ROOT, 'corpus', 'example', 'xen.c') },
      [...edits, ...undo(edits)],
    );
  });

  itWithCorpus('on SMMUv1, with blocks carried over from its Xen file', () => {
    const messages: RuleEdit = {
      what: 'template (the bench change)',
      file: 'messages.yaml',
      from: `with: '"\\tstream matching with %u register groups, mask 0x%x\\n"'`,
      to: `with: '"\\tstream matching with %u register groups, mask %#x\\n"'`,
      rematched: 1,
    };
    const edits: RuleEdit[] = [
      { ...messages, refolds: false },
      { ...undo([messages])[0], rematched: 1 },
      messages,
      {
        what: 'lines shifted in a rule file (every rule after them moves)',
        file: 'messages.yaml',
        from: 'rules:\n',
        to: '# a comment\n# and another\nrules:\n',
      },
      {
        what: 'a rule that needs other function bodies (fold decision changes)',
        file: 'messages.yaml',
        from: 'rules:\n',
        to: 'rules:\n  - id: aaa-new\n    kind: replace\n    reason: test\n    comment: none\n    pattern: "arm_smmu_tlb_sync($S)"\n    with: "sync_tlb($S)"\n    expect: ">=1"\n',
        refolds: true,
      },
    ];
    const dir = path.join(CORPUS.dir, 'smmu-v1v2-2015');
    checkEdits(
      path.join(ROOT, 'rules', 'smmu-v1v2'),
      { input: path.join(dir, 'linux.c'), xen: path.join(dir, 'xen.c') },
      [...edits, ...undo(edits)],
    );
  });

  itWithCorpus('on an SMMUv3 upgrade, with a base file, a paired header and raw queries', () => {
    const edits: RuleEdit[] = [
      {
        what: 'a raw query changed',
        file: 'split-source.yaml',
        from: 'static phys_addr_t arm_smmu_msi_cfg)',
        to: 'static phys_addr_t arm_smmu_msi_cfg|static int arm_smmu_no_such_function)',
        rematched: 2,
      },
    ];
    const dir = path.join(CORPUS.dir, 'smmu-v3-2021', 'upgrade-5');
    checkEdits(
      path.join(ROOT, 'rules', 'smmu-v3'),
      {
        input: path.join(dir, 'linux-after.c'),
        xen: path.join(dir, 'xen-before.c'),
        base: path.join(dir, 'linux-before.c'),
      },
      [...edits, ...undo(edits)],
      'smmu-v3',
    );
  });
});
