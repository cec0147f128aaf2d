// Jest configuration. tree-sitter is loaded once per worker by a custom environment and
// shared through shims, because node-tree-sitter breaks when Jest re-evaluates it per test file.
module.exports = {
  testEnvironment: '<rootDir>/test/env/tree-sitter-environment.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^tree-sitter$': '<rootDir>/test/env/tree-sitter-shim.js',
    '^tree-sitter-c$': '<rootDir>/test/env/tree-sitter-c-shim.js',
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
};
