/** replace with a comment-line selector: the whole line of a comment that holds the text is replaced. */
import { c, codes, portWith } from '../core/helpers';

const SRC = c`
  /*
   * Driver for ACME.
   *
   * Copyright (C) 2015 ACME Limited
   */
  int x;
`;

const rule = (extra = ''): string => c`
  rules:
    - id: copyright-year
      kind: replace
      comment: none
      comment-line: "Copyright (C) 2015 ACME Limited"
      with: " * Copyright (C) 2022 ACME Limited"
      expect: 1
` + extra;

describe('replace: comment-line', () => {
  it('replaces the line, leaving the rest of the comment and the file as they are', () => {
    const r = portWith(SRC, rule());
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(SRC.replace('2015', '2022'));
  });

  it('is drift when the line is gone', () => {
    const r = portWith(SRC.replace('2015', '2016'), rule());
    expect(codes(r.diagnostics)).toEqual(['XP200']);
  });

  it('does not match text outside comments', () => {
    const r = portWith('int copyright_2015_acme;\n', rule().replace('Copyright (C) 2015 ACME Limited', 'copyright_2015_acme'));
    expect(codes(r.diagnostics)).toEqual(['XP200']);
  });
});
