// `npm run schema:check [-- --baseline <file>] [--verbose]`: fails (exit 1) when the supergraph composed from the subgraphs as
// they are now has a breaking change against the baseline (the last commit's schema/supergraph.graphql), unless
// what was removed had been deprecated first. Exit 2 when there is nothing to compare with.
import { fileURLToPath } from "node:url";
import { apiSchemaOf } from "../../gateway/apiSchema.ts";
import { type Baseline, NoBaselineError, readBaseline } from "./baseline.ts";
import { breaking, compareSchemas, type SchemaChange } from "./compare.ts";
import { composedSupergraphSdl } from "./composedApiSchema.ts";

export interface CheckResult {
  baseline: string;
  changes: SchemaChange[];
  breaking: SchemaChange[];
}

export async function checkSchema(
  baseline: Baseline,
  currentSupergraphSdl = composedSupergraphSdl(),
): Promise<CheckResult> {
  const changes = await compareSchemas(apiSchemaOf(baseline.sdl), apiSchemaOf(currentSupergraphSdl));
  return { baseline: baseline.label, changes, breaking: breaking(changes) };
}

/** The report: breaking and dangerous changes in full, safe ones counted (listed with `verbose`). */
export function formatCheck(result: CheckResult, verbose = false): string {
  const line = (change: SchemaChange) =>
    `  ${change.path ?? "(schéma)"} — ${change.message}${change.allowedBecause ? ` [autorisé : ${change.allowedBecause}]` : ""}`;
  const section = (title: string, level: SchemaChange["level"]) => {
    const changes = result.changes.filter((change) => change.level === level);
    return changes.length ? [`${title} (${changes.length}) :`, ...changes.map(line)] : [];
  };
  return [
    `Schéma comparé à ${result.baseline} : ${result.changes.length} changement(s).`,
    ...section("Changements cassants", "breaking"),
    ...section("Changements risqués", "dangerous"),
    ...(verbose
      ? section("Changements sûrs", "safe")
      : [
          `Changements sûrs : ${result.changes.filter((change) => change.level === "safe").length} (--verbose pour les lister).`,
        ]),
    result.breaking.length
      ? "ÉCHEC : dépréciez d'abord (@deprecated) ce que vous retirez, publiez, puis retirez-le dans une version suivante."
      : "Aucun changement cassant.",
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf("--baseline");
  try {
    const result = await checkSchema(readBaseline(at > 0 ? process.argv[at + 1] : undefined));
    console.log(formatCheck(result, process.argv.includes("--verbose")));
    process.exit(result.breaking.length ? 1 : 0);
  } catch (error) {
    console.error(`schema:check : ${(error as Error).message}`);
    process.exit(error instanceof NoBaselineError ? 2 : 1);
  }
}
