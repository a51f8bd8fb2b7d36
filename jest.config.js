// Some dependencies (age-encryption, its @noble/@scure crypto, cel-js) ship only as ES modules. Jest's CommonJS
// runtime cannot load those as they are, so ts-jest compiles them to CommonJS along with our own TypeScript.
const esmOnly = ['age-encryption', '@noble', '@scure', '@marcbachmann/cel-js'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
};
