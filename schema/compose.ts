// `npm run compose`: writes schema/supergraph.graphql. `--check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { SUPERGRAPH_PATH } from "../gateway/supergraph.ts";
import { composeSupergraph } from "./composeSupergraph.ts";

const check = process.argv.includes("--check");
const result = composeSupergraph();
for (const hint of result.hints) console.error(`hint  ${hint}`);
if (!result.supergraphSdl) {
  for (const error of result.errors) console.error(`error ${error}`);
  console.error(`Composition failed with ${result.errors.length} error(s).`);
  process.exit(1);
}
let committed = "";
try {
  committed = readFileSync(SUPERGRAPH_PATH, "utf8");
} catch {}
if (check) {
  if (committed !== result.supergraphSdl) {
    console.error("schema/supergraph.graphql is stale: run `npm run compose` and commit it.");
    process.exit(1);
  }
  console.log("schema/supergraph.graphql is up to date.");
} else if (committed === result.supergraphSdl) {
  console.log("schema/supergraph.graphql is already up to date.");
} else {
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  console.log("Wrote schema/supergraph.graphql.");
}
