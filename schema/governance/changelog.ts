// `npm run schema:changelog [-- --baseline <file>]`: appends to schema/CHANGELOG.md what changed in the API schema
// since the baseline (the last commit's supergraph), in French, grouped by kind of change. Run it with a schema
// change, before committing it. Idempotent: a section carries the hash of the schema it describes and the baseline
// it was compared with; the same schema is never written twice, and a new run against the same baseline (work in
// progress, not yet committed) replaces the last section instead of adding one. Descriptions are left out (see the
// schema itself), and so are the fields of a type added whole.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { apiSchemaOf } from "../../gateway/apiSchema.ts";
import { readBaseline } from "./baseline.ts";
import { compareSchemas, type SchemaChange } from "./compare.ts";
import { composedSupergraphSdl } from "./composedApiSchema.ts";

export const CHANGELOG_PATH = fileURLToPath(new URL("../CHANGELOG.md", import.meta.url));

const HEADER = `# Journal des changements du schéma Parvis

Ce que chaque version du schéma fédéré (schéma public, hors éléments internes) change pour ses clients, du plus ancien
au plus récent. Écrit par \`npm run schema:changelog\` ; les changements cassants ne passent \`npm run schema:check\` que
s'ils retirent ce qui avait été déprécié auparavant.
`;

const WORDS: Record<string, (path: string) => string> = {
  TYPE_ADDED: (path) => `Type \`${path}\` ajouté.`,
  TYPE_REMOVED: (path) => `Type \`${path}\` retiré.`,
  TYPE_KIND_CHANGED: (path) => `Nature du type \`${path}\` changée.`,
  FIELD_ADDED: (path) => `Champ \`${path}\` ajouté.`,
  FIELD_REMOVED: (path) => `Champ \`${path}\` retiré.`,
  FIELD_TYPE_CHANGED: (path) => `Type du champ \`${path}\` changé.`,
  FIELD_DEPRECATION_ADDED: (path) => `Champ \`${path}\` déprécié.`,
  FIELD_DEPRECATION_REMOVED: (path) => `Champ \`${path}\` n'est plus déprécié.`,
  FIELD_ARGUMENT_ADDED: (path) => `Argument \`${path}\` ajouté.`,
  FIELD_ARGUMENT_REMOVED: (path) => `Argument \`${path}\` retiré.`,
  FIELD_ARGUMENT_TYPE_CHANGED: (path) => `Type de l'argument \`${path}\` changé.`,
  FIELD_ARGUMENT_DEFAULT_CHANGED: (path) => `Valeur par défaut de l'argument \`${path}\` changée.`,
  INPUT_FIELD_ADDED: (path) => `Champ d'entrée \`${path}\` ajouté.`,
  INPUT_FIELD_REMOVED: (path) => `Champ d'entrée \`${path}\` retiré.`,
  INPUT_FIELD_TYPE_CHANGED: (path) => `Type du champ d'entrée \`${path}\` changé.`,
  ENUM_VALUE_ADDED: (path) => `Valeur \`${path}\` ajoutée.`,
  ENUM_VALUE_REMOVED: (path) => `Valeur \`${path}\` retirée.`,
  ENUM_VALUE_DEPRECATION_REASON_ADDED: (path) => `Valeur \`${path}\` dépréciée.`,
  UNION_MEMBER_ADDED: (path) => `Membre ajouté à l'union \`${path}\`.`,
  UNION_MEMBER_REMOVED: (path) => `Membre retiré de l'union \`${path}\`.`,
  OBJECT_TYPE_INTERFACE_ADDED: (path) => `\`${path}\` implémente une nouvelle interface.`,
  OBJECT_TYPE_INTERFACE_REMOVED: (path) => `\`${path}\` n'implémente plus une interface.`,
};

/** The changes worth a line: no description changes, nothing inside a type that was added whole. */
export function notableChanges(changes: readonly SchemaChange[]): SchemaChange[] {
  const added = new Set(
    changes.filter((change) => change.type === "TYPE_ADDED").map((change) => change.path),
  );
  return changes.filter((change) => {
    // Descriptions are read in the schema; directive usages repeat the deprecations reported on their own.
    if (/DESCRIPTION|^DIRECTIVE_USAGE/.test(change.type)) return false;
    const typeName = change.path?.split(".")[0] ?? null;
    return change.type === "TYPE_ADDED" || !added.has(typeName);
  });
}

export function schemaHash(supergraphSdl: string): string {
  return createHash("sha256")
    .update(printSchema(lexicographicSortSchema(apiSchemaOf(supergraphSdl))))
    .digest("hex");
}

export function changelogSection(
  changes: readonly SchemaChange[],
  baseline: string,
  hash: string,
  day: string,
): string {
  const notable = notableChanges(changes);
  const line = (change: SchemaChange) => {
    const path = (change.path ?? "").replace(/\.@deprecated$/, "");
    const words = WORDS[change.type]?.(path) ?? `${change.message}.`;
    return `- ${words}${change.allowedBecause ? ` (${change.allowedBecause})` : ""}`;
  };
  const group = (title: string, level: SchemaChange["level"]) => {
    const lines = notable.filter((change) => change.level === level).map(line);
    return lines.length ? [`### ${title}`, "", ...lines, ""] : [];
  };
  return [
    `## ${day} — schéma \`${hash.slice(0, 12)}\``,
    "",
    `<!-- schema:${hash} base:${baseline} -->`,
    "",
    `Comparé à ${baseline}.`,
    "",
    ...group("Changements cassants", "breaking"),
    ...group("Changements risqués (retraits d'éléments dépréciés, valeurs par défaut…)", "dangerous"),
    ...group("Ajouts et changements sûrs", "safe"),
  ].join("\n");
}

/** Appends the section of the current schema; returns false when there is nothing new to write. */
export async function appendChangelog(options: {
  baselineSdl: string;
  baselineLabel: string;
  currentSdl: string;
  file?: string;
  now?: Date;
}): Promise<boolean> {
  const file = options.file ?? CHANGELOG_PATH;
  const hash = schemaHash(options.currentSdl);
  let existing = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
  if (existing.includes(`<!-- schema:${hash} `)) return false;
  // The last section describes uncommitted work against the same baseline: this run replaces it.
  const last = existing.lastIndexOf("\n## ");
  if (last >= 0 && existing.slice(last).includes(` base:${options.baselineLabel} -->`)) {
    existing = existing.slice(0, last);
  }
  const changes = await compareSchemas(apiSchemaOf(options.baselineSdl), apiSchemaOf(options.currentSdl));
  if (notableChanges(changes).length === 0) return false;
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const section = changelogSection(changes, options.baselineLabel, hash, day);
  writeFileSync(file, `${existing.trimEnd()}\n\n${section.trimEnd()}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf("--baseline");
  try {
    const baseline = readBaseline(at > 0 ? process.argv[at + 1] : undefined);
    const written = await appendChangelog({
      baselineSdl: baseline.sdl,
      baselineLabel: baseline.label,
      currentSdl: composedSupergraphSdl(),
    });
    console.log(
      written ? "schema/CHANGELOG.md : section ajoutée." : "schema/CHANGELOG.md : rien de nouveau à écrire.",
    );
  } catch (error) {
    console.error(`schema:changelog : ${(error as Error).message}`);
    process.exit(1);
  }
}
