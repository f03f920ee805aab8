// The static supergraph the gateway plans against: schema/supergraph.graphql, built by `npm run compose`.
import { readFileSync } from "node:fs";

export const SUPERGRAPH_PATH = new URL("../schema/supergraph.graphql", import.meta.url);

export function loadSupergraphSdl(): string {
  return readFileSync(SUPERGRAPH_PATH, "utf8");
}
