// `npm run operations`: compiles the registered operations (schema/operations/**/*.graphql) into the Apollo
// persisted-query manifest schema/operations/manifest.json. `--check` fails when it is stale.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse, print } from "graphql";
import {
  MANIFEST_PATH,
  type Manifest,
  operationTypeOf,
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
