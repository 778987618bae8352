// Three tiers, by file name: *.spec.ts (unit, pure), *.int-spec.ts (real Postgres),
// *.e2e-spec.ts (the built apps over HTTP, both run modes).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.sql$': '<rootDir>/tools/build/jest-sql-transform.js' },
  moduleNameMapper: { '^@phoenix/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  resolver: '<rootDir>/tools/build/jest-resolver.js',
  // dist/ and Nx's cache hold built copies, packages of the same name (the SDK's) among them.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.nx/'],
  moduleFileExtensions: ['ts', 'js', 'json', 'sql'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/setup/integration-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/setup/integration-global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/apps/e2e/src/setup/global-setup.ts',
      globalTeardown: '<rootDir>/apps/e2e/src/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/apps/e2e/src/setup/timeout.ts'],
    },
  ],
};
