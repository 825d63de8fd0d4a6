import { defineConfig } from "vitest/config";

// TZ is pinned so that date handling in tests cannot depend on the machine.
process.env.TZ = "Europe/Amsterdam";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
