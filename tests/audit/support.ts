// Helpers of the audit-trail tests: wait for the background write, read the trail as the DPO.
import { expect } from "vitest";
import type { SignedInPlatform } from "../../harness/withMonStrasbourg.ts";

/** Polls until `check` returns a value (the audit write runs after the response, in the background). */
export async function eventually<T>(check: () => Promise<T | undefined>, attempts = 100): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the expected audit record never appeared");
}

export const AUDIT_RECORD_FIELDS = /* GraphQL */ `
  id occurredAt recordedAt actorKind actor { id } partnerClientId actorToken staffService operationName
  operationType documentHash variablesHash personalFields personalValueCount requestId ledgerIndex digest intact
`;

export interface AuditRecordView {
  id: string;
  occurredAt: string;
  actorKind: "STAFF" | "PARTNER";
  actor: { id: string } | null;
  partnerClientId: string | null;
  actorToken: string;
  staffService: string | null;
  operationName: string | null;
  operationType: string;
  documentHash: string;
  variablesHash: string;
  personalFields: string[];
  personalValueCount: number;
  requestId: string;
  ledgerIndex: number;
  digest: string;
  intact: boolean;
}

export async function auditTrail(
  platform: SignedInPlatform,
  dpoToken: string,
  filter: Record<string, unknown> = {},
): Promise<AuditRecordView[]> {
  const { body } = await platform.graphql<{ auditTrail: { edges: { node: AuditRecordView }[] } }>(
    `query Trail($filter: AuditTrailFilter) { auditTrail(filter: $filter, first: 100) { edges { node { ${AUDIT_RECORD_FIELDS} } } } }`,
    { filter },
    { token: dpoToken },
  );
  expect(body.errors).toBeUndefined();
  return body.data?.auditTrail.edges.map((edge) => edge.node) ?? [];
}

/** The one record of an operation, once written. */
export function recordOf(platform: SignedInPlatform, dpoToken: string, operationName: string) {
  return eventually(async () => (await auditTrail(platform, dpoToken, { operationName }))[0]);
}

export async function accountIdOf(platform: SignedInPlatform, token: string): Promise<string> {
  const { body } = await platform.graphql<{ me: { id: string } }>("query Me { me { id } }", {}, { token });
  const id = body.data?.me.id;
  if (!id) throw new Error("no account for this token");
  return id;
}
