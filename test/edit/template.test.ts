/**
 * Template substitution (src/edit/template.ts) splits each template at its metavariables once and
 * joins the parts for each match; it must give what one regular-expression replacement over the
 * template gives (the reference below), unbound metavariables and the expansion bound included.
 */
import fc from 'fast-check';
import { ExpansionLimitError, MAX_EXPANSION_CHARS, substitute } from '../../src/edit/template';
import type { Bindings } from '../../src/match';

/** The reference: every metavariable replaced in one pass, an unbound one left as written. */
function reference(template: string, captures: Bindings, text: string): string {
  const body = template.endsWith('\n') ? template.slice(0, -1) : template;
  return body.replace(/\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)/g, (whole, seq?: string, one?: string) => {
    const c = captures.get((seq ?? one) as string);
    return c ? (c.text ?? text.slice(c.start, c.end)) : whole;
  });
}

const TEXT = 'kzalloc(sizeof(*p), GFP_KERNEL)';
const CAPTURES: Bindings = new Map([
  ['X', { start: 0, end: 7, nodes: [] }],
  ['SIZE', { start: 8, end: 18, nodes: [] }],
  ['_A', { start: 3, end: 3, nodes: [] }],
  ['T', { start: 0, end: 1, nodes: [], text: 'struct dev' }],
]);

test('substitution gives what one replacement over the template gives', () => {
  const piece = fc.constantFrom('$', '$$$', 'X', 'SIZE', 'T', '_A', 'Y', '1', ' ', '\n', '\t', '(', ');', '&');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
      const template = pieces.join('');
      expect(substitute(template, CAPTURES, TEXT)).toBe(reference(template, CAPTURES, TEXT));
    }),
    { numRuns: 3000, seed: 14 },
  );
  expect(substitute('xzalloc($T)\n', CAPTURES, TEXT)).toBe('xzalloc(struct dev)');
  expect(substitute('f($$$X, $Y)', CAPTURES, TEXT)).toBe('f(kzalloc, $Y)');
});

test('a template expanding past the bound stops with ExpansionLimitError', () => {
  const big: Bindings = new Map([['X', { start: 0, end: 0, nodes: [], text: 'x'.repeat(MAX_EXPANSION_CHARS / 4) }]]);
  expect(substitute('$X$X$X', big, '')).toHaveLength((3 * MAX_EXPANSION_CHARS) / 4);
  expect(() => substitute('$X$X$X$X$X', big, '')).toThrow(ExpansionLimitError);
});
