// `npm run operations`: compiles the registered operations (schema/operations/**/*.graphql) into the Apollo
// persisted-query manifest schema/operations/manifest.json. `--check` fails when it is stale.
// Each file names the callers it is meant for in a comment line, `# callers: anonymous, resident, visitor`
// (personas of the MonStrasbourg.eu simulator, or anonymous): tests/operations/ runs it as each of them.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse, print } from "graphql";
import {
  MANIFEST_PATH,
  type Manifest,
  operationTypeOf,
  type PersistedOperation,
  sha256,
} from "../gateway/security/trustedDocuments.ts";

const ROOT = fileURLToPath(new URL("./operations/", import.meta.url));

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? graphqlFiles(join(dir, entry.name))
      : entry.name.endsWith(".graphql")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Who may call a registered operation: anonymous, or a persona of the MonStrasbourg.eu simulator. */
export const CALLERS = [
  "anonymous",
  "resident",
  "visitor",
  "agent",
  "moderator",
  "dpo",
  "admin",
  "ems-partner",
];

export interface RegisteredOperation {
  name: string;
  id: string;
  file: string;
  /** From the file's `# callers:` line; empty when it has none (schema/operations.test.ts refuses that). */
  callers: string[];
}

/** The registered operations with the callers each file declares. */
export function registeredOperations(): RegisteredOperation[] {
  const manifest = buildManifest().operations;
  return graphqlFiles(ROOT)
    .sort()
    .map((file, index) => {
      const line = readFileSync(file, "utf8").match(/^#\s*callers:(.*)$/m)?.[1] ?? "";
      const operation = manifest[index] as PersistedOperation;
      return {
        name: operation.name,
        id: operation.id,
        file: relative(ROOT, file),
        callers: line
          .split(",")
          .map((caller) => caller.trim())
          .filter(Boolean),
      };
    });
}

export function buildManifest(): Manifest {
  const operations = graphqlFiles(ROOT)
    .sort()
    .map((file) => {
      const document = parse(readFileSync(file, "utf8"));
      const body = print(document);
      const operation = document.definitions.find(
        (definition) => definition.kind === Kind.OPERATION_DEFINITION,
      );
      const name =
        operation?.kind === Kind.OPERATION_DEFINITION && operation.name
          ? operation.name.value
          : relative(ROOT, file).replace(/\.graphql$/, "");
      return { id: sha256(body), name, type: operationTypeOf(document), body };
    });
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = `${JSON.stringify(buildManifest(), null, 2)}\n`;
  let current = "";
  try {
    current = readFileSync(MANIFEST_PATH, "utf8");
  } catch {}
  if (process.argv.includes("--check")) {
    if (current !== text) {
      console.error("schema/operations/manifest.json is stale: run `npm run operations` and commit it.");
      process.exit(1);
    }
    console.log("schema/operations/manifest.json is up to date.");
  } else {
    writeFileSync(MANIFEST_PATH, text);
    console.log(`Wrote schema/operations/manifest.json (${JSON.parse(text).operations.length} operations).`);
  }
}
