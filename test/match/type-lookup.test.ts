/** match/types: declared-type lookup for `types:` bindings (locals, parameters, globals, fields, derefs). */
import { codes, c, portWith } from '../core/helpers';

const RULE = c`
  rules:
    - id: typed
      kind: replace
      pattern: "ALLOC(sizeof(*$P))"
      types: { T: "*$P" }
      with: "NEW($T)"
`;

function out(src: string): { output: string; errors: string[] } {
  const r = portWith(src, RULE);
  return { output: r.output, errors: codes(r.diagnostics) };
}

describe('types: declared type of a metavariable', () => {
  it('finds locals of enclosing blocks, nearest first', () => {
    const r = out(
      'void f(void)\n{\n\tstruct a *p;\n\t{\n\t\tstruct b *p;\n\t\tp = ALLOC(sizeof(*p));\n\t}\n\tp = ALLOC(sizeof(*p));\n}\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.output).toContain('\t\tp = NEW(struct b);\n');
    expect(r.output).toContain('\tp = NEW(struct a);\n');
  });

  it('finds parameters and file-scope declarations', () => {
    const r = out(
      'static struct g **gp;\nvoid f(u32 *ids, int n)\n{\n\tids = ALLOC(sizeof(*ids));\n\t*gp = ALLOC(sizeof(*gp));\n}\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.output).toContain('\tids = NEW(u32);\n\t*gp = NEW(struct g *);\n');
  });

  it('follows -> and . through struct definitions, and array subscripts', () => {
    const src =
      'struct inner { struct leaf *l; };\nstruct outer { struct inner in; struct inner *arr[4]; };\nvoid f(struct outer *o)\n{\n\to->in.l = ALLOC(sizeof(*o->in.l));\n\to->arr[1] = ALLOC(sizeof(*o->arr[1]));\n}\n';
    const r = out(src);
    expect(r.errors).toEqual([]);
    expect(r.output).toContain('\to->in.l = NEW(struct leaf);\n\to->arr[1] = NEW(struct inner);\n');
  });

  it('finds fields declared under #ifdef and #else inside a struct', () => {
    const src =
      'struct s {\n\tint a;\n#ifdef CONFIG_X\n\tstruct chip *dma;\n#else\n\tstruct other *alt;\n#endif\n};\nvoid f(struct s *p)\n{\n\tp->dma = ALLOC(sizeof(*p->dma));\n\tp->alt = ALLOC(sizeof(*p->alt));\n}\n';
    const r = out(src);
    expect(r.errors).toEqual([]);
    expect(r.output).toContain('\tp->dma = NEW(struct chip);\n\tp->alt = NEW(struct other);\n');
  });

  it('XP203 for an anonymous struct, which has no name to write, even when an outer name is typed', () => {
    const src = 'static struct g *p;\nvoid f(void)\n{\n\tstruct { int a; } *p;\n\tp = ALLOC(sizeof(*p));\n}\n';
    const r = portWith(src, RULE);
    expect(codes(r.diagnostics)).toEqual(['XP203']);
    expect(r.diagnostics.find((d) => d.code === 'XP203')?.message).toMatch(/anonymous struct: it has no name to write/);
  });

  it('XP203: undeclared name, unknown struct, missing field, non-pointer, unsupported expression', () => {
    const src =
      'struct s { int x; };\nvoid f(struct s *p, struct t *q, int n)\n{\n\ta = ALLOC(sizeof(*zz));\n\tb = ALLOC(sizeof(*q->f));\n\tc = ALLOC(sizeof(*p->nope));\n\td = ALLOC(sizeof(*n));\n\te = ALLOC(sizeof(*g()));\n}\n';
    const r = portWith(src, RULE);
    const msgs = r.diagnostics.filter((d) => d.code === 'XP203').map((d) => `${d.location?.line}: ${d.message}`);
    expect(msgs).toEqual([
      expect.stringMatching(/^4: .*no declaration of 'zz'/),
      expect.stringMatching(/^5: .*definition of struct t is not in this file/),
      expect.stringMatching(/^6: .*struct s has no field 'nope'/),
      expect.stringMatching(/^7: .*not a pointer/),
      expect.stringMatching(/^8: .*call expression/),
    ]);
  });

  it('rejects a types: entry that names an unbound metavariable (XP107) or is malformed', () => {
    expect(() =>
      portWith(
        'int x;\n',
        'rules:\n  - id: t\n    kind: replace\n    pattern: "f($A)"\n    types: { T: "*$B" }\n    with: "$T"\n',
      ),
    ).toThrow(/XP107/);
    expect(() =>
      portWith(
        'int x;\n',
        'rules:\n  - id: t\n    kind: replace\n    pattern: "f($A)"\n    types: { T: "$A + 1" }\n    with: "$T"\n',
      ),
    ).toThrow(/XP105/);
  });
});

describe('types: structs defined in the paired header', () => {
  const SRC = 'void f(struct master *m)\n{\n\tm->streams = ALLOC(sizeof(*m->streams));\n}\n';
  const HEADER = { file: 'in.h', text: 'struct stream { int id; };\nstruct master {\n\tstruct stream *streams;\n};\n' };

  it('follows a field of a struct the header defines', () => {
    const r = portWith(SRC, RULE, { header: HEADER });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tm->streams = NEW(struct stream);\n');
  });

  it('without the header, XP203 says the definition is not in the file', () => {
    const r = portWith(SRC, RULE);
    expect(codes(r.diagnostics)).toEqual(['XP203']);
    expect(r.diagnostics.find((d) => d.code === 'XP203')!.message).toMatch(
      /definition of struct master is not in this file$/,
    );
  });

  it('a field the header struct lacks is named with the header file; a struct in neither says so', () => {
    const r = portWith(
      'void f(struct master *m, struct none *n)\n{\n\tm->x = ALLOC(sizeof(*m->x));\n\tn->y = ALLOC(sizeof(*n->y));\n}\n',
      RULE,
      { header: HEADER },
    );
    const msgs = r.diagnostics.filter((d) => d.code === 'XP203').map((d) => d.message);
    expect(msgs).toEqual([
      expect.stringMatching(/struct master has no field 'x' \(definition in in\.h\)/),
      expect.stringMatching(/struct none is not in this file nor in its header/),
    ]);
  });

  it('the CLI reads drv.h next to drv.c as the paired header', () => {
    const fs = require('fs') as typeof import('fs');
    const os = require('os') as typeof import('os');
    const path = require('path') as typeof import('path');
    const { portFiles } = require('../../src/cli/port-files') as typeof import('../../src/cli/port-files');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-paired-'));
    try {
      fs.mkdirSync(path.join(dir, 'rules'));
      fs.writeFileSync(path.join(dir, 'rules', 'port.yaml'), 'name: t\nrules: [r.yaml]\n');
      fs.writeFileSync(path.join(dir, 'rules', 'r.yaml'), RULE);
      fs.writeFileSync(path.join(dir, 'drv.c'), SRC);
      fs.writeFileSync(path.join(dir, 'drv.h'), HEADER.text);
      const r = portFiles({ input: path.join(dir, 'drv.c'), rules: path.join(dir, 'rules') });
      expect(r.ok && r.result.output).toContain('NEW(struct stream)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
