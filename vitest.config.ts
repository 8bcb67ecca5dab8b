import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["tests/models/**/*.test.ts"],
    environment: "node",
    allowOnly: false,
    pool: "forks",
    setupFiles: ["tests/support/vitest-setup.ts"],
    testTimeout: 20_000,
  },
});
