// Jest in ESM mode (NestJS 12 is ESM-only): ts-jest transpiles, `tsc --noEmit` type-checks separately.
const moduleNameMapper = {
  '^#(contracts|domain|influx|postgres|mqtt)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, diagnostics: false }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  transform,
  testEnvironment: 'node',
};

export default {
  // Per-project testTimeout is ignored by jest 30; integration tests start real servers.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,simulators,seeds,bench}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
  ],
};
