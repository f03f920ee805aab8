// `npm run compose`: writes schema/supergraph.graphql and, beside it, schema/capabilities.json (what the gateway
// and the worker need of the subgraphs, platform/capabilities.ts), and platform/subgraphNames.ts (the registry's
// names, for the configuration). `--check` fails when a committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { SUPERGRAPH_PATH } from "../gateway/supergraph.ts";
import { CAPABILITIES_PATH } from "../platform/capabilities.ts";
import { composeSupergraph } from "./composeSupergraph.ts";

const SUBGRAPH_NAMES_PATH = new URL("../platform/subgraphNames.ts", import.meta.url);
const check = process.argv.includes("--check");
const result = composeSupergraph();
for (const hint of result.hints) console.error(`hint  ${hint}`);
if (!result.supergraphSdl || !result.capabilitiesJson) {
  for (const error of result.errors) console.error(`error ${error}`);
  console.error(`Composition failed with ${result.errors.length} error(s).`);
  process.exit(1);
}
let stale = false;
for (const [path, name, text] of [
  [SUPERGRAPH_PATH, "schema/supergraph.graphql", result.supergraphSdl],
  [CAPABILITIES_PATH, "schema/capabilities.json", result.capabilitiesJson],
  [SUBGRAPH_NAMES_PATH, "platform/subgraphNames.ts", result.subgraphNamesTs],
] as const) {
  let committed = "";
  try {
    committed = readFileSync(path, "utf8");
  } catch {}
  if (check) {
    if (committed !== text) {
      console.error(`${name} is stale: run \`npm run compose\` and commit it.`);
      stale = true;
    } else console.log(`${name} is up to date.`);
  } else if (committed === text) {
    console.log(`${name} is already up to date.`);
  } else {
    writeFileSync(path, text);
    console.log(`Wrote ${name}.`);
  }
}
if (stale) process.exit(1);
