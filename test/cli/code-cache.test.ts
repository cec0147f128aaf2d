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
