/**
 * The V8 code caches `npm run build` writes (scripts/build/code-cache.js) fit what they cache: the CLI
 * bundle and the precompiled schema validators, loaded the way the command loads them (the bundle
 * by bin/xenport.js, then a validator by src/rules/schema.ts inside it), are accepted by V8. A cache
 * V8 rejects costs nothing but time, so nothing else would notice one built under other flags.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'bundle.js');

test('the bundle and validator code caches are accepted in a fresh process', () => {
  const files = [BUNDLE, ...['rules', 'port'].map((n) => path.join(ROOT, 'dist', 'rules', `validate-${n}.js`))];
  for (const f of files) expect(fs.existsSync(`${f}.cache`)).toBe(true);
  const script = `
    const { loadBundle } = require(${JSON.stringify(path.join(ROOT, 'bin', 'load-bundle.js'))});
    const files = ${JSON.stringify(files)};
    const out = [loadBundle(files[0]).cacheRejected];
    for (const f of files.slice(1)) out.push(loadBundle(f, { fastGrowth: false }).cacheRejected);
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual([false, false, false]);
});

/** bin/load-bundle.js, as the tests load it. */
const loader = require(path.join(ROOT, 'bin', 'load-bundle.js')) as {
  loadBundle(f: string, o?: { fastGrowth?: boolean }): { exports: unknown };
  WRAPPER_HEAD: string;
  WRAPPER_TAIL: string;
};

test('the bundle is written wrapped and in ASCII, the form the loader compiles without a copy', () => {
  const bytes = fs.readFileSync(BUNDLE);
  expect(bytes.every((b) => b < 0x80)).toBe(true);
  const text = bytes.toString('latin1');
  expect(text.startsWith(loader.WRAPPER_HEAD)).toBe(true);
  expect(text.endsWith(loader.WRAPPER_TAIL)).toBe(true);
});

test('the loader reads modules wrapped or not, ASCII or not, with the same text', () => {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'xenport-load-'));
  try {
    const body = (s: string) => `module.exports = { s: ${JSON.stringify(s)}, file: __filename };`;
    const cases: Array<[string, string]> = [
      ['plain-ascii.js', body('plain')],
      ['plain-utf8.js', body('Xen: \u00e9\u2192\u{1F600}')],
      ['wrapped-ascii.js', `${loader.WRAPPER_HEAD}${body('wrapped')}${loader.WRAPPER_TAIL}`],
      ['wrapped-utf8.js', `${loader.WRAPPER_HEAD}${body('\u00e9t\u00e9')}${loader.WRAPPER_TAIL}`],
    ];
    for (const [name, text] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const want = /s: (".*?"),/.exec(text)?.[1] as string;
      expect(loader.loadBundle(file, { fastGrowth: false }).exports).toEqual({ s: JSON.parse(want), file });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
