// The baseline the schema check compares with: the supergraph of the last commit (`git show
// HEAD:schema/supergraph.graphql`), or a file given with --baseline (a release's supergraph, a CI artefact).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url));
export const SUPERGRAPH_IN_GIT = "schema/supergraph.graphql";

export class NoBaselineError extends Error {
  override name = "NoBaselineError";
}

export interface Baseline {
  sdl: string;
  /** What it is: "HEAD (abc1234)" or the file's path. */
  label: string;
}

export function readBaseline(file?: string): Baseline {
  if (file) return { sdl: readFileSync(file, "utf8"), label: file };
  try {
    const git = (args: string[]) =>
      execFileSync("git", args, { cwd: REPOSITORY, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const sdl = git(["show", `HEAD:${SUPERGRAPH_IN_GIT}`]);
    const commit = git(["rev-parse", "--short", "HEAD"]).trim();
    return { sdl, label: `HEAD (${commit})` };
  } catch (error) {
    throw new NoBaselineError(
      `no committed ${SUPERGRAPH_IN_GIT} to compare with (${(error as Error).message.split("\n")[0]}): commit it, or pass --baseline <file>`,
    );
  }
}
