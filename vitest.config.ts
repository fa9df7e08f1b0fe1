import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: keep the pool small so the sandbox-backed suites stay deterministic under load.
    maxWorkers: 2,
  },
});
