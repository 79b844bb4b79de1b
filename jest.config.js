/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  setupFiles: ["<rootDir>/test/setup/fast-check-seed.ts"],
  globalSetup: "<rootDir>/test/setup/record-samples.ts",
  testTimeout: 60000,
};
