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
  // Jest's default is one worker less than the cores: on the 2-core machine that is one, and Jest then runs the
  // files one after the other in its main process. Two workers use both cores (issue 10: npm test under 3 minutes).
  maxWorkers: 2,
};
