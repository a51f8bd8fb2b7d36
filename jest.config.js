// Some dependencies (age-encryption, its @noble/@scure crypto, cel-js) ship only as ES modules. Jest's CommonJS
// runtime cannot load those as they are, so ts-jest compiles them to CommonJS along with our own TypeScript.
const esmOnly = ['age-encryption', '@noble', '@scure', '@marcbachmann/cel-js'];

// Tests that run whole programs (the packed package in a consumer project, the cdk8s and cdk8s-flux command lines,
// kubectl builds of rebuilt reference repositories) are slow: they form their own project, so `jest --selectProjects
// unit` stays fast while `npm test` runs both.
const integration = ['<rootDir>/test/package/', '<rootDir>/test/fleet/', '<rootDir>/test/cli/'];

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: integration },
    { ...shared, displayName: 'integration', testMatch: integration.map((dir) => `${dir}**/*.test.ts`) },
  ],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
};
