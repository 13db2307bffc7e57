/** Unit specs beside the code; integration and e2e suites under test/ against real PostgreSQL. */
const common = {
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^src/(.*)$': '<rootDir>/src/$1',
    '^seeds/(.*)$': '<rootDir>/seeds/$1',
    '^test/(.*)$': '<rootDir>/test/$1',
  },
  testEnvironment: 'node',
};

module.exports = {
  // a global option (Jest does not read it per project): e2e tests hash passwords and load workbooks
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // the web application in Debian's Chromium, against the service on 127.0.0.1
    {
      ...common,
      displayName: 'browser',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
    // faults, concurrency, hostile files, attacks on sessions and access, backups (npm run test:reliability)
    {
      ...common,
      displayName: 'reliability',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'],
    },
  ],
};
