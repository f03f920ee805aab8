// Once per vitest project and run: at the end, removes the database templates the run's test files built
// (databaseTemplates.ts) — the PGlite tarballs of the embedded project, the template databases of the services one.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { dropServerTemplates, pgliteTemplatesDir, testRunId } from "../../harness/databaseTemplates.ts";

export default function setup(project: TestProject) {
  return async function teardown() {
    const run = testRunId();
    if (!run) return;
    if (project.name === "services" && process.env.DATABASE_URL) {
      await dropServerTemplates(process.env.DATABASE_URL, run);
    } else if (project.name === "embedded") {
      rmSync(pgliteTemplatesDir(run), { recursive: true, force: true });
    }
  };
}
