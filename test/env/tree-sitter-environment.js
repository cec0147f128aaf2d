// Jest environment that loads tree-sitter and tree-sitter-c once with Node's own require and
// exposes them as globals, so every test file shares one native module instance (node-tree-sitter #181).
const { TestEnvironment } = require('jest-environment-node');
const Parser = require('tree-sitter');
const C = require('tree-sitter-c');

class TreeSitterEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.__XENPORT_TREE_SITTER__ = Parser;
    this.global.__XENPORT_TREE_SITTER_C__ = C;
  }
}
module.exports = TreeSitterEnvironment;
