// deploy/Containerfile cannot be built here (no container engine), so its promises are checked by reading it:
// stages on Node 24, a non-root final user, no dev dependency installed in the final stage, every COPY source
// present (in the repository, or made by the earlier stage it is copied from) and a command that is a script.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyParts, parseContainerfile, type Stage, words } from "./containerfile.ts";

const ROOT = join(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const stages = parseContainerfile(read("deploy/Containerfile"));
const final = stages.at(-1) as Stage;
const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
const ignored = read(".dockerignore")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"))
  .map((line) => line.replace(/\/$/, ""));
const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === "RUN").map((i) => i.argument);

/** What a build stage makes that is not in the repository: the outputs of the postinstall steps it runs. */
function madeBy(stage: Stage): string[] {
  const made: string[] = [];
  const commands = runs(stage).join(" && ");
  if (commands.includes("prisma/generate.ts")) {
    const output = /generator client \{[^}]*output\s*=\s*"([^"]+)"/.exec(read("prisma/schema.prisma"))?.[1];
    if (output) made.push(join("prisma", output));
  }
  if (commands.includes("gateway/explorer/build.ts")) {
    const dist = /export const DIST = join\(HERE, "([^"]+)"\)/.exec(read("gateway/explorer/build.ts"))?.[1];
    if (dist) made.push(join("gateway/explorer", dist));
  }
  return made;
}

describe("deploy/Containerfile", () => {
  it("builds in several stages on Node 24, the version the project pins", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const pinned = JSON.parse(read("package.json")).devDependencies.node as string;
    const major = pinned.split(".")[0];
    for (const stage of stages) expect(stage.base).toMatch(new RegExp(`^node:${major}[.-]`));
    expect(new Set(stages.map((stage) => stage.name)).size).toBe(stages.length);
  });

  it("runs as a user that is not root", () => {
    const user = final.instructions.filter((i) => i.keyword === "USER").at(-1)?.argument;
    expect(user).toBeDefined();
    expect(user?.split(":")[0]).not.toMatch(/^(root|0)$/);
    // Nothing after USER may switch back or run commands needing root.
    const afterUser = final.instructions.slice(final.instructions.findLastIndex((i) => i.keyword === "USER"));
    expect(afterUser.filter((i) => i.keyword === "RUN")).toEqual([]);
  });

  it("installs production dependencies only in the final stage", () => {
    const installs = runs(final).filter((command) => /\bnpm (ci|install|i)\b/.test(command));
    expect(installs.length).toBeGreaterThan(0);
    for (const command of installs) {
      expect(command).toMatch(/\bnpm ci\b/);
      expect(command).toMatch(/--omit=dev\b/);
    }
  });

  it("copies only what exists: in the build context, or made by the earlier stage named", () => {
    stages.forEach((stage, index) => {
      for (const copy of stage.instructions.filter((i) => i.keyword === "COPY" || i.keyword === "ADD")) {
        expect(copy.keyword, "COPY, not ADD").toBe("COPY");
        const { from, sources } = copyParts(copy.argument);
        expect(sources.length).toBeGreaterThan(0);
        if (from === undefined) {
          for (const source of sources) {
            expect(existsSync(join(ROOT, source)), `${source} exists in the repository`).toBe(true);
            expect(ignored, `${source} is not left out of the build context`).not.toContain(source);
          }
          continue;
        }
        const earlier = stages.slice(0, index).find((s) => s.name === from);
        expect(earlier, `stage ${from} comes before ${stage.name}`).toBeDefined();
        const made = madeBy(earlier as Stage);
        for (const source of sources) {
          const path = source.replace(/^\/app\//, "");
          const inContext = existsSync(join(ROOT, path)) && !ignored.some((i) => path.startsWith(i));
          expect(inContext || made.includes(path), `${source} exists in stage ${from}`).toBe(true);
        }
      }
    });
  });

  it("starts a package.json script whose entry file exists, by default the gateway", () => {
    const entrypoint = words(final.instructions.find((i) => i.keyword === "ENTRYPOINT")?.argument ?? "[]");
    const command = words(final.instructions.find((i) => i.keyword === "CMD")?.argument ?? "[]");
    expect(entrypoint.slice(0, 2)).toEqual(["npm", "run"]);
    const script = command[0] ?? "";
    expect(scripts[script]).toBeDefined();
    expect(scripts[script]).toContain("--distributed");
    for (const name of ["start:gateway", "start:subgraph", "start:worker", "db:migrate"]) {
      const entry = /node (\S+\.ts)/.exec(scripts[name] ?? "")?.[1];
      expect(entry, `${name} runs a file`).toBeDefined();
      expect(existsSync(join(ROOT, entry as string)), `${entry} exists`).toBe(true);
    }
  });
});
