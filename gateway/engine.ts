// Which engine answers /graphql over schema/supergraph.graphql. The Parvis behaviour a gateway must have (caller
// signing per subgraph, limits, trusted documents, audit, partial answers when a subgraph is down) is the same
// on both; docs/gateway-engines.md says what differs and how to choose.
//   apollo: @apollo/gateway 2 in Apollo Server 5 (the default);
//   hive:   Hive Gateway (@graphql-hive/gateway-runtime, MIT), with the Rust query planner
//           (@graphql-hive/router-runtime) or its JavaScript one.
export type HivePlanner = "rust" | "js";

export type GatewayEngine =
  | { name: "apollo" }
  | {
      name: "hive";
      planner: HivePlanner;
      /** Merge identical in-flight subgraph requests (Hive's default; off unless asked, see the docs). */
      dedupeInflight?: boolean;
    };

export const APOLLO: GatewayEngine = { name: "apollo" };

/**
 * The engine of a command line: `--engine apollo|hive`, `--planner rust|js` (Hive only), `--dedupe-inflight`.
 * Throws on a value it does not know, so that a typo does not silently run the other engine.
 */
export function engineFromArgs(args: readonly string[]): GatewayEngine {
  const value = (flag: string) => {
    const index = args.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
    if (index === -1) return undefined;
    const arg = args[index] as string;
    return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[index + 1];
  };
  const name = value("--engine") ?? "apollo";
  if (name === "apollo") return APOLLO;
  if (name !== "hive") throw new Error(`--engine: "${name}" is not an engine (apollo, hive)`);
  const planner = value("--planner") ?? "rust";
  if (planner !== "rust" && planner !== "js")
    throw new Error(`--planner: "${planner}" is not a planner (rust, js)`);
  return { name: "hive", planner, dedupeInflight: args.includes("--dedupe-inflight") };
}
