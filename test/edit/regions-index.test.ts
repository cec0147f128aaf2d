/**
 * The regions pass (src/edit/regions.ts) asks range indexes which regions hold or cross an edit;
 * it must decide what trying every region decides (the reference below, the pass as it was written
 * first): the same edits kept, the same regions kept, the same diagnostics in the same order,
 * with overriding rules, equal regions and insertions at region boundaries.
 */
import fc from 'fast-check';
import { dropInsideRegions } from '../../src/edit/regions';
import { PlannedEdit, Region, Slot } from '../../src/edit/types';
import type { Rule } from '../../src/edit/kinds';

function strictlyInside(e: PlannedEdit, r: Region): boolean {
  if (e.start === e.end) return r.start < e.start && e.start < r.end;
  return r.start <= e.start && e.end <= r.end;
}

function crosses(e: PlannedEdit, r: Region): boolean {
  return (e.start < r.start && e.end > r.start) || (e.start < r.end && e.end > r.end);
}

/** Every region tried for every edit: what the pass decides, without the diagnostics' wording. */
function reference(edits: PlannedEdit[], regions: Region[], rules: Map<string, Rule>) {
  const overriders = edits.filter((e) => rules.get(e.ruleId)?.overrides?.length && e.end > e.start);
  const live = regions.filter(
    (r) =>
      !overriders.some(
        (o) => rules.get(o.ruleId)!.overrides!.includes(r.ruleId) && o.start <= r.start && r.end <= o.end,
      ),
  );
  const outer = live.filter(
    (r) =>
      !live.some(
        (o) =>
          o !== r &&
          o.ruleId !== r.ruleId &&
          o.start <= r.start &&
          r.end <= o.end &&
          (o.start < r.start || r.end < o.end || o.order < r.order),
      ),
  );
  const kept: PlannedEdit[] = [];
  const said: string[] = [];
  for (const e of edits) {
    const host = outer.find((r) => r.ruleId !== e.ruleId && strictlyInside(e, r));
    if (host) {
      said.push(`XP202 ${e.ruleId} ${host.ruleId}`);
      continue;
    }
    const crossed = outer.find((r) => r.ruleId !== e.ruleId && e.start !== e.end && crosses(e, r));
    if (crossed) {
      said.push(`XP201 ${e.ruleId} ${crossed.ruleId}`);
      continue;
    }
    kept.push(e);
  }
  return { kept, outer, said };
}

const IDS = ['a', 'b', 'c'];
const span = fc.tuple(fc.nat(40), fc.nat(12));

test('the regions pass decides what trying every region decides', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(span, fc.nat(2), fc.nat(3)), { maxLength: 12 }),
      fc.array(fc.tuple(span, fc.nat(2), fc.boolean()), { maxLength: 25 }),
      fc.nat(3),
      (rs, es, overriding) => {
        const regions: Region[] = rs.map(([[start, len], id, order]) => ({
          start,
          end: start + len,
          ruleId: IDS[id],
          order,
        }));
        const edits: PlannedEdit[] = es.map(([[start, len], id, empty]) => ({
          start,
          end: empty ? start : start + len,
          text: 'x',
          ruleId: IDS[id],
          order: id,
          slot: Slot.After,
        }));
        // Rule `a` overrides `b` in some runs, `c` in others, nothing in the rest.
        const rules = new Map<string, Rule>(
          IDS.map((id) => [
            id,
            {
              id,
              origin: { file: 'r.yaml', line: 1, col: 1 },
              ...(id === 'a' && overriding < 2 ? { overrides: [IDS[overriding + 1]] } : {}),
            } as unknown as Rule,
          ]),
        );
        const got = dropInsideRegions(edits, regions, rules, 'x\n'.repeat(40), 'f.c');
        const want = reference(edits, regions, rules);
        expect(got.edits).toEqual(want.kept);
        expect(got.regions).toEqual(want.outer);
        expect(got.diagnostics.map((d) => `${d.code} ${d.ruleId} ${/'(\w)'(?:[^']*)?$/.exec(d.message)?.[1]}`)).toEqual(
          want.said,
        );
      },
    ),
    { numRuns: 3000, seed: 14 },
  );
});
