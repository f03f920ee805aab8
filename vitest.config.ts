// Test matrix: unit tests next to the code; integration and end-to-end suites in tests/ run on the embedded
// backends (PGlite, in-process cache) and, when DATABASE_URL and REDIS_URL are set, again on PostgreSQL and Redis.
import { defineConfig } from "vitest/config";

const services = process.env.DATABASE_URL && process.env.REDIS_URL;

const shared = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // In CI a JSON report too, from which .ci/run prints the plain "N passed, N failed" line.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: ".ci/results/vitest.json" }]]
      : ["default"],
    projects: [
      {
        test: {
          ...shared,
          name: "unit",
          include: ["{gateway,subgraphs,prisma,schema,simulators}/**/*.test.ts"],
          env: { DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "silent" },
        },
      },
      {
        test: {
          ...shared,
          name: "embedded",
          include: ["tests/**/*.test.ts"],
          env: { DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "silent", PARVIS_TEST_BACKEND: "embedded" },
        },
      },
      ...(services
        ? [
            {
              test: {
                ...shared,
                name: "services",
                include: ["tests/**/*.test.ts"],
                env: { LOG_LEVEL: "silent", PARVIS_TEST_BACKEND: "services" },
              },
            },
          ]
        : []),
    ],
  },
});
