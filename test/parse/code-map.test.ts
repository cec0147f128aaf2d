/**
 * The code map (src/parse/codeMap) reads from one character that matters to the next; it must mark
 * every character as reading each one in turn does (the reference below, the code map's previous
 * form): on every C file of the corpus and on random texts made of the characters that matter.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { codeMap, CODE, COMMENT, DIRECTIVE, endsDirective, literalEnd, LITERAL } from '../../src/parse/code-map';
import { CORPUS, itWithCorpus } from '../core/corpus-gate';

/** Every character in turn (the literal and directive-end rules are the map's own). */
function referenceCodeMap(text: string): Uint8Array {
  const n = text.length;
  const kind = new Uint8Array(n);
  let i = 0;
  let lineStart = true;
  let inDirective = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (inDirective && endsDirective(text, i)) inDirective = false;
      if (inDirective) kind[i] = DIRECTIVE;
      lineStart = true;
      i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      if (inDirective && text.lastIndexOf('\n', stop) > i) inDirective = false;
      kind.fill(COMMENT, i, stop);
      i = stop;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      let e = text.indexOf('\n', i);
      if (e < 0) e = n;
      kind.fill(COMMENT, i, e);
      i = e;
      continue;
    }
    if (lineStart && c === 35) inDirective = true;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) lineStart = false;
    if (inDirective) {
      kind[i++] = DIRECTIVE;
      continue;
    }
    if (c === 34 || c === 39) {
      const stop = literalEnd(text, i);
      kind.fill(LITERAL, i, stop);
      i = stop;
      continue;
    }
    i++;
  }
  return kind;
}

/** The C files of the corpus. */
function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(CORPUS.dir)) {
    const d = path.join(CORPUS.dir, dir);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d)) if (/\.[ch]$/.test(f)) out.push(path.join(d, f));
  }
  return out;
}

describe('code map', () => {
  itWithCorpus('marks every corpus C file as reading each character in turn does', () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      expect(Buffer.from(codeMap(text)).equals(Buffer.from(referenceCodeMap(text)))).toBe(true);
    }
  });

  it('marks random texts as reading each character in turn does', () => {
    const piece = fc.constantFrom(
      '\n',
      '\r',
      ' ',
      '\t',
      '\f',
      '/',
      '*',
      '"',
      "'",
      '#',
      '\\',
      'a',
      'x = 1;',
      '/*',
      '*/',
      '//',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(Array.from(codeMap(text))).toEqual(Array.from(referenceCodeMap(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('marks each kind', () => {
    const text = 'int a; /* c */\n  #define X "s" \\\n  y\nchar *s = "q\\"";\n';
    const k = codeMap(text);
    expect(k[text.indexOf('int')]).toBe(CODE);
    expect(k[text.indexOf('/*')]).toBe(COMMENT);
    expect(k[text.indexOf('#')]).toBe(DIRECTIVE);
    expect(k[text.indexOf('  y')]).toBe(DIRECTIVE);
    expect(k[text.indexOf('"q')]).toBe(LITERAL);
    expect(k[text.indexOf('char')]).toBe(CODE);
  });
});
