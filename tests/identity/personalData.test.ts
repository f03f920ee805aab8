// GDPR rights through one mutation each: a person exports everything the platform holds about them, and erases
// their account everywhere; requests are kept as evidence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";

const EXPORT = /* GraphQL */ `mutation { exportMyData { __typename
  ... on PersonalDataExport { accountId exportedAt identity }
  ... on Problem { message } } }`;
const ERASE = /* GraphQL */ `mutation($confirm: Boolean!) { eraseMyAccount(confirm: $confirm) { __typename
  ... on AccountErased { erasures { subgraph erased pseudonymised } }
  ... on ErasureIncomplete { pendingSubgraphs }
  ... on Problem { message } } }`;

type ExportResult = {
  exportMyData: {
    __typename: string;
    accountId?: string;
    identity?: { account?: Record<string, unknown>; monStrasbourgProfile?: Record<string, unknown> };
  };
};
type EraseResult = { eraseMyAccount: { __typename: string; erasures?: { subgraph: string }[] } };

describe("exportMyData and eraseMyAccount", () => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform();
  });
  afterAll(() => platform?.close());

  it("exports what identity holds, with the MonStrasbourg.eu profile", async () => {
    const token = await platform.token("resident");
    const { body } = await platform.graphql<ExportResult>(EXPORT, undefined, { token });
    expect(body.errors).toBeUndefined();
    const exported = body.data?.exportMyData;
    expect(exported?.__typename).toBe("PersonalDataExport");
    expect(exported?.identity?.account).toMatchObject({
      id: exported?.accountId,
      verificationLevel: "resident_verified",
    });
    expect(exported?.identity?.monStrasbourgProfile).toMatchObject({ familyName: "Muller" });
    const [request] = await platform.db.query<{ kind: string; done: boolean }>(
      "SELECT kind, completed_at IS NOT NULL AS done FROM identity.data_request WHERE account_id = $1",
      [exported?.accountId],
    );
    expect(request).toEqual({ kind: "export", done: true });
  });

  it("refuses anonymous callers and answers partners with a problem", async () => {
    expect((await platform.graphql(EXPORT)).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const partner = await platform.graphql<ExportResult>(EXPORT, undefined, {
      token: await platform.token("ems-partner"),
    });
    expect(partner.body.data?.exportMyData.__typename).toBe("NotAPersonAccount");
  });

  it("requires an explicit confirmation to erase", async () => {
    const { body } = await platform.graphql<EraseResult>(
      ERASE,
      { confirm: false },
      { token: await platform.token("visitor") },
    );
    expect(body.data?.eraseMyAccount.__typename).toBe("ErasureNotConfirmed");
    const { body: me } = await platform.graphql("{ me { id } }", undefined, {
      token: await platform.token("visitor"),
    });
    expect(me.data).toMatchObject({ me: { id: expect.any(String) } });
  });

  it("erases the account in every subgraph holding personal data, identity last", async () => {
    const token = await platform.token("visitor");
    const { body } = await platform.graphql<EraseResult>(ERASE, { confirm: true }, { token });
    expect(body.errors).toBeUndefined();
    const erased = body.data?.eraseMyAccount;
    expect(erased?.__typename).toBe("AccountErased");
    expect(erased?.erasures?.at(-1)?.subgraph).toBe("identity");
    // The token is still valid, but there is no one behind it any more.
    const after = await platform.graphql("{ me { id } }", undefined, { token });
    expect(after.body.data).toEqual({ me: null });
    const rows = await platform.db.query<{ subject: string }>(
      "SELECT subject FROM identity.account WHERE subject = $1",
      [platform.simulator.persona("visitor").uuid],
    );
    expect(rows).toEqual([]);
  });
});

describe("retention", () => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform({ env: { RETENTION_DATA_REQUESTS_DAYS: "30" } });
  });
  afterAll(() => platform?.close());

  it("removes the evidence of data requests older than the configured period, and keeps the recent ones", async () => {
    const { applyRetention } = await import("../../gateway/jobs/applyRetention.ts");
    const token = await platform.token("resident");
    await platform.graphql(EXPORT, undefined, { token });
    await platform.graphql(EXPORT, undefined, { token });
    await platform.db.query(
      "UPDATE identity.data_request SET requested_at = now() - interval '40 days' WHERE id = (SELECT id FROM identity.data_request ORDER BY requested_at LIMIT 1)",
    );
    const reports = await applyRetention(platform.client, platform.log);
    expect(reports).toContainEqual({ subgraph: "identity", rule: "data_requests", removed: 1 });
    const [{ count }] = (await platform.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM identity.data_request",
    )) as [{ count: number }];
    expect(count).toBe(1);
  });
});
