/** Trailing newlines of inserted text are kept as written (docs/rules.md, "Templates"). */
import { portWith } from '../core/helpers';

const rule = (text: string): string => `rules:
  - id: ins
    kind: insert
    reason: x
    comment: none
    where: after
    function: f
    text: ${text}
`;
const C = 'void f(void)\n{\n}\nint y;\n';

describe('insert text and its trailing newlines', () => {
  it.each([
    ['"int a;"', 'int a;\n'],
    ['"int a;\\n"', 'int a;\n'],
    ['"int a;\\n\\n"', 'int a;\n\n'],
    ['"int a;\\n\\n\\n"', 'int a;\n\n\n'],
    ['|\n      int a;\n', 'int a;\n'],
    ['|+\n      int a;\n', 'int a;\n\n'], // |+ keeps the blank line that ends the rule file
  ])('text: %s inserts the lines as written', (yaml, inserted) => {
    const r = portWith(C, rule(yaml));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.output).toBe(`void f(void)\n{\n}\n${inserted}int y;\n`);
  });
});
