// Helpers of the explorer tests: a signed-in platform whose MonStrasbourg.eu simulator accepts this gateway's
// callback (its port is random), the shipped investigations seeded, and a report of the resident in Neudorf.

import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { seedStaff } from "../../subgraphs/staff/seed.ts";

export const NEUDORF = { lat: 48.5667, lon: 7.7668 };

export interface ExplorerPlatform extends SignedInPlatform {
  /** http://127.0.0.1:<port> — the gateway's origin. */
  origin: string;
}

export async function startExplorerPlatform(): Promise<ExplorerPlatform> {
  const platform = await startSignedInPlatform();
  const origin = new URL(platform.url).origin;
  // Registering this deployment's redirect URI with the provider, as an administrator of MonStrasbourg.eu would.
  const client = platform.simulator.clients.find((candidate) => candidate.clientId === "parvis");
  if (!client?.redirectUris) throw new Error("the simulator has no parvis client");
  client.redirectUris.push(`${origin}/auth/callback`);
  // app/seed.ts calls it too (idempotent); the test database's seed may predate it.
  await seedStaff(platform.db, platform.log);
  return Object.assign(platform, { origin });
}

/** Submits a report as the resident in Neudorf; returns its id and description. */
export async function submitNeudorfReport(platform: SignedInPlatform, description: string): Promise<string> {
  const token = await platform.token("resident");
  const categories = await platform.graphql<{
    reportCategories: { code: string; attributes: { required: boolean }[] }[];
  }>("query { reportCategories { code attributes { required } } }", {}, { token });
  const category = categories.body.data?.reportCategories.find((candidate) =>
    candidate.attributes.every((attribute) => !attribute.required),
  );
  if (!category) throw new Error("no report category without required questions");
  const { body } = await platform.graphql<{ submitReport: { __typename: string; report?: { id: string } } }>(
    `mutation Submit($input: SubmitReportInput!) {
      submitReport(input: $input) { __typename ... on ReportSubmitted { report { id } } ... on Problem { message } }
    }`,
    { input: { categoryCode: category.code, location: NEUDORF, description } },
    { token },
  );
  const id = body.data?.submitReport.report?.id;
  if (!id) throw new Error(`report not submitted: ${JSON.stringify(body)}`);
  return id;
}
