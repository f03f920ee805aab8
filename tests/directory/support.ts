// A platform for the directory's end-to-end tests: signed in through the MonStrasbourg.eu simulator, with the
// Strasbourg.eu and open-data simulators on random ports, and the synchronisation run on demand the way the
// platform's scheduler runs it (the directory's internal mutation, as the system caller).

import type { GraphQLErrorBody, TestPlatformOptions } from "../../harness/platform.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { type OpenDataSimulator, startOpenDataSimulator } from "../../simulators/opendata/index.ts";
import {
  type StrasbourgEuSimulator,
  startStrasbourgEuSimulator,
} from "../../simulators/strasbourg-eu/index.ts";
import { SYNC_DIRECTORY_MUTATION } from "../../subgraphs/directory/jobs/schedule.ts";

export interface SyncRunSummary {
  source: string;
  status: "SUCCEEDED" | "PARTIAL" | "FAILED";
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  malformed: number;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field and assert on them.
type AnyData = any;

export interface Answer {
  status: number;
  body: { data?: AnyData; errors?: GraphQLErrorBody[] };
}

export interface DirectoryPlatform extends SignedInPlatform {
  strasbourgEu: StrasbourgEuSimulator;
  openData: OpenDataSimulator;
  /** Runs the synchronisation of every source; returns the runs by source. */
  sync(): Promise<Record<string, SyncRunSummary>>;
  /** POSTs an operation as a persona ("resident", "agent", "ems-partner"…) or anonymously (undefined). */
  as(persona: string | undefined, query: string, variables?: Record<string, unknown>): Promise<Answer>;
}

export async function startDirectoryPlatform(options: TestPlatformOptions = {}): Promise<DirectoryPlatform> {
  const strasbourgEu = await startStrasbourgEuSimulator();
  const openData = await startOpenDataSimulator();
  const platform = await startSignedInPlatform({
    ...options,
    env: {
      STRASBOURG_EU_URL: strasbourgEu.url,
      OPENDATA_URL: openData.url,
      STRASBOURG_EU_TIMEOUT_MS: "1000",
      OPENDATA_TIMEOUT_MS: "1000",
      ...options.env,
    },
  });
  const tokens = new Map<string, string>();
  const tokenOf = async (persona: string) => {
    const known = tokens.get(persona);
    if (known) return known;
    const token = await platform.token(persona);
    tokens.set(persona, token);
    return token;
  };
  return {
    ...platform,
    strasbourgEu,
    openData,
    async sync() {
      const data = await platform.client.request<{ _syncDirectory: { runs: SyncRunSummary[] } }>(
        "directory",
        SYNC_DIRECTORY_MUTATION,
      );
      return Object.fromEntries(data._syncDirectory.runs.map((run) => [run.source, run]));
    },
    as: async (persona, query, variables) =>
      platform.graphql<AnyData>(query, variables, persona ? { token: await tokenOf(persona) } : {}),
    async close() {
      await platform.close();
      await strasbourgEu.close();
      await openData.close();
    },
  };
}

/** The error codes of a GraphQL answer, with their paths. */
export function errorsOf(body: {
  errors?: { path?: (string | number)[]; extensions?: { code?: string } }[];
}) {
  return (body.errors ?? []).map((error) => ({ code: error.extensions?.code, path: error.path?.join(".") }));
}
