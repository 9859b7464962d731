import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    // Loopback servers and SQLite files: generous bounds, never timing luck.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
