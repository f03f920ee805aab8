// Accounts deleted on MonStrasbourg.eu are erased here by the scheduled synchronisation, through each
// subgraph's own `_eraseAccountData` mutation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncDeletedAccounts } from "../../gateway/jobs/syncDeletedAccounts.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";

describe("synchronisation of accounts deleted upstream", () => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform();
  });
  afterAll(() => platform?.close());

  it("erases the local record of a deleted account and leaves the others", async () => {
    const visitorToken = await platform.token("visitor");
    const residentToken = await platform.token("resident");
    for (const token of [visitorToken, residentToken]) {
      const { body } = await platform.graphql("{ me { id } }", undefined, { token });
      expect(body.errors).toBeUndefined();
    }
    platform.simulator.deleteAccount(platform.simulator.persona("visitor").uuid);

    const result = await syncDeletedAccounts(platform.client, platform.log);
    expect(result).toEqual({ deletedUpstream: 1, erased: 1, failed: 0 });

    const [visitorRow] = await platform.db.query<{ subject: string; erased: boolean }>(
      `SELECT subject, erased_at IS NOT NULL AS erased FROM identity.account WHERE subject NOT IN ($1)
       AND subject LIKE 'erased:%'`,
      [platform.simulator.persona("resident").uuid],
    );
    expect(visitorRow?.erased).toBe(true);
    const remaining = await platform.db.query<{ subject: string }>(
      "SELECT subject FROM identity.account WHERE erased_at IS NULL",
    );
    expect(remaining.map((row) => row.subject)).toEqual([platform.simulator.persona("resident").uuid]);

    // The visitor's still-valid token no longer brings anything back.
    const after = await platform.graphql("{ me { id } }", undefined, { token: visitorToken });
    expect(after.body.data).toEqual({ me: null });
    const again = await syncDeletedAccounts(platform.client, platform.log);
    expect(again.deletedUpstream).toBe(0);
  });

  it("cannot be triggered from outside: the erasure mutation is not in the public schema", async () => {
    const { status, body } = await platform.graphql(
      `mutation { _eraseAccountData(accountId: "01900000-0000-7000-8000-000000000000") { erased } }`,
      undefined,
      { token: await platform.token("admin") },
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
