// Test matrix: unit tests next to the code; integration and end-to-end suites in tests/ run on the embedded
// backends (PGlite, in-process cache) and, when DATABASE_URL and REDIS_URL are set, again on PostgreSQL and Redis.
import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const services = process.env.DATABASE_URL && process.env.REDIS_URL;
// One id per run: the test files of a run start their databases from templates built once for the run
// (harness/databaseTemplates.ts), removed by tests/support/globalSetup.ts at the end.
// Kept in process.env for globalSetup, which runs in this process.
process.env.PARVIS_TEST_RUN ??= `${Date.now().toString(36)}${process.pid.toString(36)}`;
const run = process.env.PARVIS_TEST_RUN;

const shared = { testTimeout: 30_000, hookTimeout: 60_000 };
// Two files at a time: vitest's default (cores − 1) runs one file at a time on a 2-core CI machine, while most of a
// platform test is spent waiting on a database, a cache or a socket.
const maxWorkers = Number(process.env.PARVIS_TEST_WORKERS ?? 2);
// No telemetry to Apollo, even from a stock gateway built by a test or the benchmark (see gateway/gatewayServer.ts).
process.env.APOLLO_TELEMETRY_DISABLED = "true";

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (index.js) and ESM (index.mjs) with no "exports" map: Node resolves our imports
    // and Apollo's to index.js, but Vite would pick index.mjs for the files it transforms — two instances of
    // graphql in one test process ("Cannot use GraphQLNonNull from another module or realm"). Same file as Node.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }],
  },
  test: {
    maxWorkers,
    // In CI a JSON report too, from which .ci/run prints the plain "N passed, N failed" line.
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: ".ci/results/vitest.json" }]]
      : ["default"],
    projects: [
      {
        test: {
          ...shared,
          name: "unit",
          include: ["{platform,gateway,subgraphs,prisma,schema,simulators,data}/**/*.test.ts"],
          env: { DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "silent" },
        },
      },
      {
        test: {
          ...shared,
          name: "embedded",
          include: ["tests/**/*.test.ts"],
          env: {
            DATABASE_URL: "",
            REDIS_URL: "",
            LOG_LEVEL: "silent",
            PARVIS_TEST_BACKEND: "embedded",
            PARVIS_TEST_RUN: run,
          },
          globalSetup: ["tests/support/globalSetup.ts"],
        },
      },
      ...(services
        ? [
            {
              test: {
                ...shared,
                name: "services",
                include: ["tests/**/*.test.ts"],
                // The benchmark smoke and the browser test exercise the gateway and a page, not the backends:
                // once (embedded) is enough, and keeps CI short.
                // The PORT test and the doc-test start the embedded platform whatever the backends: once too.
                // The schema checks (governance, personal fields, shipped investigations) compose the supergraph
                // and never open a database or a cache: the backends change nothing for them.
                exclude: [
                  "tests/bench/**",
                  "tests/explorer/*.browser.test.ts",
                  "tests/startup/port.test.ts",
                  "tests/docs/**",
                  "tests/governance/**",
                  "tests/audit/personalFields.test.ts",
                  "tests/explorer/shippedInvestigations.test.ts",
                  // The gateway engines' equivalence, the deployment files, telemetry, token verification and
                  // HTTP headers are the same whatever the backends: once too.
                  "tests/engines/**",
                  "tests/deploy/**",
                  "tests/observability/**",
                  "tests/identity/forgedTokens.test.ts",
                  "tests/security/httpHygiene.test.ts",
                  // Refusals decided at the gateway before any storage is reached (malformed requests, hostile
                  // documents, operation limits, trusted documents, production mode, the webhook address guard),
                  // the explorer's HTTP routes, and `npm start`, which is the embedded platform by definition.
                  // Kept on both: anything whose state lives in the database or the cache (rate limits, nonces,
                  // NUL bytes reaching PostgreSQL, registered operations, federation).
                  "tests/security/badRequests.test.ts",
                  "tests/security/hostileInputs.test.ts",
                  "tests/security/limits.test.ts",
                  "tests/security/trustedDocuments.test.ts",
                  "tests/security/productionMode.test.ts",
                  "tests/security/webhookSsrf.test.ts",
                  "tests/explorer/routes.test.ts",
                  "tests/startup/start.test.ts",
                ],
                env: { LOG_LEVEL: "silent", PARVIS_TEST_BACKEND: "services", PARVIS_TEST_RUN: run },
                globalSetup: ["tests/support/globalSetup.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
