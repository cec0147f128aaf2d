// @ts-check
/**
 * The floor of a cold port, run as its own process by the bench (bench/ports.js, bench/three-rule.js)
 * in the same rounds as the port and `node -e 0`: Node starts, loads tree-sitter and tree-sitter-c
 * as xenport does, reads each file given and parses it from scratch, and exits. A port on tree-sitter
 * can do no less than this for its input (no rule can be matched without the input's tree), and
 * xenport parses its output too (XP204). The bench times it with the input alone and with the input
 * and the output, to show how much of a cold-run target these parses leave for the rest.
 *
 *   node bench/floor.js <file.c>...
 */
'use strict';
const fs = require('fs');
const Parser = require('tree-sitter');

const parser = new Parser();
parser.setLanguage(require('tree-sitter-c'));
for (const file of process.argv.slice(2)) {
  const tree = parser.parse(fs.readFileSync(file, 'utf8'));
  // Read the result, so that nothing above can be skipped as unused.
  if (tree.rootNode.endIndex < 0) process.exitCode = 1;
}
