// Loads a module of src/ in a child process of the tests: from the build (dist/) when it is newer
// than every file under src/ (`npm test` builds first), else from the TypeScript source through
// scripts/fuzz/ts-register.js, which is slower to start (it loads the TypeScript compiler) but
// needs no build. `loadSrc('cli/main')`, `loadSrc('emit/write')`.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** The module src/<name>.ts, built or from source. */
function loadSrc(name) {
  const built = path.join(ROOT, 'dist', name === 'cli/main' ? 'cli/bundle.js' : `${name}.js`);
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest(path.join(ROOT, 'src')))
    // The CLI bundle is written as a wrapped module, for bin/load-bundle.js (the way bin/xenport.js loads it).
    return name === 'cli/main'
      ? require(path.join(ROOT, 'bin', 'load-bundle.js')).loadBundle(built, { fastGrowth: false }).exports
      : require(built);
  require(path.join(ROOT, 'scripts', 'fuzz', 'ts-register.js'));
  return require(path.join(ROOT, 'src', `${name}.ts`));
}

module.exports = { loadSrc };
