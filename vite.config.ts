import { defineConfig } from "vitest/config";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    globalSetup: ["test/support/postgres.global.ts"],
    environment: "node",
    // CI reads a JSON report to print its own "tests: N passed, M failed" line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".vitest-report.json" }]] : ["default"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
