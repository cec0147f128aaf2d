/** `files:` globs: the match stage runs a rule only on inputs whose base name matches one of them. */
import { port } from '../../src/port';
import { ruleSet } from '../core/helpers';

const SRC = 'static int b(void)\n{\n\treturn old();\n}\n';

describe('files:', () => {
  it('runs a rule only on inputs whose base name matches', () => {
    const rs = ruleSet(
      'rules:\n  - id: only-h\n    kind: replace\n    pattern: "old()"\n    with: "new()"\n    files: "*.h"\n',
    );
    expect(port({ text: SRC, file: 'dir/drv.c' }, rs).output).toBe(SRC);
    expect(port({ text: SRC, file: 'dir/drv.h' }, rs).output).toContain('return new();');
  });
});
