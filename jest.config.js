/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuild-jest.js', '^.+/@marcbachmann/cel-js/.+\\.js$': '<rootDir>/test/support/esbuild-jest.js' },
  // The CEL evaluator (providers/kubernetes/validate) ships ES modules only: jest's CommonJS runtime needs it transformed.
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  // Pulumi's mocks and CDK synthesis are memory-heavy; two workers fit the 2-core machine.
  maxWorkers: 2,
};
