/**
 * Require hook for the fuzz and robustness scripts: lets Node 20 run them (and the src/ modules
 * they import) from TypeScript source without a build step. Each .ts file is transpiled only, not
 * type-checked; `npm test` type-checks scripts/ with `tsc --noEmit`.
 */
'use strict';
const fs = require('fs');
const ts = require('typescript');

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions: options });
  module._compile(out.outputText, filename);
};
