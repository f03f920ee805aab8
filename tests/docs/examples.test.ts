// The doc-test: every fenced `sh` example of README.md, docs/ and the subgraph and simulator READMEs runs, in the
// order of its file and in one shell per file (so a later block uses the variables and functions of an earlier one,
// as a reader in one terminal would), against one platform started the way `npm start` starts it — demo data
// included — on a free port (the examples' `localhost:4000` and `127.0.0.1:4200` are pointed at it). A block fails
// the test when a command fails or GraphQL answers an error. A block that cannot run here (one needing PostgreSQL,
// a real service, or running until stopped) says so on the line before its fence:
//   <!-- doc-test: skip (why) -->
// Also: no relative link points at a file that is not in the repository, and the README's first page stays small.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePlatformPort } from "../support/freePort.ts";
import { danglingLinks, documentationFiles, ROOT, type ShellExample, shellExamples } from "./markdown.ts";

const MAIN = join(ROOT, "app/main.ts");
const DONE = "@@doc-test block done";

const files = documentationFiles();
const runnable = files
  .map((file) => ({ file, examples: shellExamples(file).filter((example) => example.skip === null) }))
  .filter((entry) => entry.examples.length > 0);

describe("documentation", () => {
  it("keeps the README's first page under 15,000 bytes", () => {
    expect(readFileSync(join(ROOT, "README.md")).byteLength).toBeLessThan(15_000);
  });

  it("links only to files that are in the repository", () => {
    expect(files.flatMap(danglingLinks)).toEqual([]);
  });

  it("says why each example that does not run cannot", () => {
    const skipped = files.flatMap(shellExamples).filter((example) => example.skip !== null);
    for (const example of skipped) expect(example.skip?.length).toBeGreaterThan(10);
    // The guided journey of the README must not be skipped.
    expect(runnable.find((entry) => entry.file === "README.md")?.examples.length).toBeGreaterThanOrEqual(4);
  });
});

describe("the documentation's examples, run against a started platform", () => {
  let platform: ChildProcess | undefined;
  let port = 0;
  let dataDir = "";

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "parvis-doctest-"));
    port = await freePlatformPort();
    platform = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        PORT: String(port),
        LOG_LEVEL: "info",
        PGLITE_DATA_DIR: "memory://",
        REPORTS_PHOTO_DIR: join(dataDir, "photos"),
        QUERY_PLAN_WARMUP: "false",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    platform.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    platform.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 170_000;
    while (!output.includes("Parvis is ready") && Date.now() < deadline && platform.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!output.includes("Parvis is ready"))
      throw new Error(`the platform did not start:\n${output.slice(-2000)}`);
  }, 180_000);

  afterAll(async () => {
    if (platform && platform.exitCode === null) {
      const exited = new Promise((resolve) => platform?.once("exit", resolve));
      platform.kill("SIGTERM");
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(runnable.map((entry) => [entry.file, entry.examples] as const))(
    "%s",
    async (_file, examples) => {
      const { code, output } = await runShell(script(examples, port), port);
      const last = [...output.matchAll(new RegExp(`${DONE} (\\S+)`, "g"))].at(-1)?.[1];
      const context = `after ${last ?? "no block"}:\n${output.slice(-3000)}`;
      expect(code, context).toBe(0);
      expect(output, context).not.toMatch(/"errors"\s*:/);
    },
    120_000,
  );
});

/** The file's blocks in one script, pointed at the test's platform, each followed by a marker naming it. */
function script(examples: readonly ShellExample[], port: number): string {
  const retarget = (code: string) =>
    code
      .replaceAll("localhost:4000", `localhost:${port}`)
      .replaceAll("127.0.0.1:4000", `127.0.0.1:${port}`)
      .replaceAll("127.0.0.1:4200", `127.0.0.1:${port + 200}`);
  return [
    "set -e -o pipefail",
    ...examples.map((example) => `${retarget(example.code)}\necho "${DONE} ${example.file}:${example.line}"`),
  ].join("\n");
}

function runShell(code: string, port: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // PORT makes `npm run token` find the platform's simulator (PORT + 200), as it would for a reader who set it.
    const shell = spawn("bash", ["-c", code], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    shell.stdout.on("data", (chunk) => {
      output += chunk;
    });
    shell.stderr.on("data", (chunk) => {
      output += chunk;
    });
    shell.on("exit", (exit) => resolve({ code: exit ?? -1, output }));
  });
}
