import { defineConfig } from 'vitest/config';

// One config for the studio build (added with the studio) and the test runner.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
