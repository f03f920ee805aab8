// The audit trail end to end: a staff operation that returns personal data is recorded by the gateway, through the
// staff subgraph, with who, when, the operation, a hash of its variables and the personal fields returned; operations
// without personal data, and citizens' own reads, are not; only the DPO reads it; each record is in the verifiable
// ledger and a tampered record shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { variablesHash } from "../../gateway/audit/auditPlugin.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import {
  fetchLedger,
  fromHex,
  leafHash,
  toHex,
  verifyInclusion,
  verifyLedger,
  verifyTreeHead,
} from "../../platform/ledger/index.ts";
import { accountIdOf, auditTrail, eventually, recordOf } from "./support.ts";

const LOOK_UP = /* GraphQL */ `query LookUp($id: ID!) {
  account(id: $id) { id displayName verificationLevel }
}`;

describe("audit trail", () => {
  let platform: SignedInPlatform;
  let agent: string;
  let dpo: string;
  let resident: string;
  let agentId: string;
  let residentId: string;

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    [agent, dpo, resident] = (await Promise.all(
      ["agent", "dpo", "resident"].map((p) => platform.token(p)),
    )) as [string, string, string];
    agentId = await accountIdOf(platform, agent);
    residentId = await accountIdOf(platform, resident);
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
  });

  it("records a staff read of a person's account: who, what, a keyed hash of the variables, the personal fields", async () => {
    const before = Date.now();
    const { body } = await platform.graphql<{ account: { displayName: string } }>(
      LOOK_UP,
      { id: residentId },
      { token: agent },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.account.displayName).toBe("Camille M.");

    const record = await recordOf(platform, dpo, "LookUp");
    expect(record).toMatchObject({
      actorKind: "STAFF",
      actor: { id: agentId },
      partnerClientId: null,
      staffService: "DMEPN",
      operationType: "QUERY",
      personalFields: ["Account.displayName", "Account.verificationLevel"],
      personalValueCount: 2,
      intact: true,
    });
    // The variables are never stored: only an HMAC under AUDIT_HASH_SECRET, which the platform can recompute.
    expect(record.variablesHash).toBe(variablesHash(platform.config.AUDIT_HASH_SECRET, { id: residentId }));
    expect(JSON.stringify(record)).not.toContain(residentId);
    expect(record.documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(record.occurredAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("counts only the personal fields actually returned (aliases, fragments and lists included)", async () => {
    const query = /* GraphQL */ `query Aliased($id: ID!, $missing: ID!) {
      first: account(id: $id) { ...Who }
      gone: account(id: $missing) { ...Who }
    }
    fragment Who on Account { id ... on Account { level: verificationLevel } }`;
    const { body } = await platform.graphql(
      query,
      { id: residentId, missing: "0194b0c2-0000-7000-8000-000000000000" },
      { token: agent },
    );
    expect(body.errors).toBeUndefined();
    const record = await recordOf(platform, dpo, "Aliased");
    expect(record.personalFields).toEqual(["Account.verificationLevel"]);
    expect(record.personalValueCount).toBe(1);
  });

  it("records nothing for staff operations without personal data, nor for citizens reading their own data", async () => {
    await platform.graphql("query NoPersonalData { me { id } }", {}, { token: agent });
    await platform.graphql("query OwnProfile { me { id profile { email } } }", {}, { token: resident });
    // A later personal read is recorded; the earlier ones were decided before their responses left, so by now
    // any record of theirs would have been queued too.
    await platform.graphql(LOOK_UP.replace("LookUp", "LookUpAgain"), { id: residentId }, { token: agent });
    await recordOf(platform, dpo, "LookUpAgain");
    expect(await auditTrail(platform, dpo, { operationName: "NoPersonalData" })).toEqual([]);
    expect(await auditTrail(platform, dpo, { operationName: "OwnProfile" })).toEqual([]);
  });

  it("is read by the data-protection officer only", async () => {
    const query = "query { auditTrail { edges { node { id } } } }";
    const asAgent = await platform.graphql(query, {}, { token: agent });
    expect(asAgent.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asResident = await platform.graphql(query, {}, { token: resident });
    expect(asResident.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asPartner = await platform.graphql(query, {}, { token: await platform.token("ems-partner") });
    expect(asPartner.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await platform.graphql(query, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const ledger = await platform.graphql("query { auditLedger { head { size } } }", {}, { token: agent });
    expect(ledger.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("filters by actor, personal field and period", async () => {
    const byActor = await auditTrail(platform, dpo, { actorId: agentId });
    expect(byActor.length).toBeGreaterThanOrEqual(3);
    expect(byActor.every((record) => record.actor?.id === agentId)).toBe(true);
    const byField = await auditTrail(platform, dpo, { personalField: "Account.displayName" });
    expect(byField.map((record) => record.operationName).sort()).toEqual(["LookUp", "LookUpAgain"]);
    expect(await auditTrail(platform, dpo, { until: "2000-01-01T00:00:00Z" })).toEqual([]);
    const bad = await platform.graphql(
      'query { auditTrail(filter: { personalField: "email" }) { edges { cursor } } }',
      {},
      { token: dpo },
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("puts every record in the verifiable ledger: a signed head and an inclusion proof of its entry", async () => {
    const record = await recordOf(platform, dpo, "LookUp");
    const { body } = await platform.graphql<{
      auditLedger: {
        publicKey: string;
        head: {
          logId: string;
          size: number;
          total: number;
          rootHash: string;
          timestamp: string;
          signature: string;
          keyId: string;
        };
        inclusionProof: {
          entry: string;
          leafHash: string;
          auditPath: string[];
          rootHash: string;
          treeSize: number;
        };
      };
    }>(
      `query Ledger($index: Int!) { auditLedger {
        publicKey head { logId size total rootHash timestamp signature keyId }
        inclusionProof(index: $index) { entry leafHash auditPath rootHash treeSize }
      } }`,
      { index: record.ledgerIndex },
      { token: dpo },
    );
    expect(body.errors).toBeUndefined();
    const ledger = body.data?.auditLedger;
    if (!ledger) throw new Error("no ledger");
    expect(ledger.head.logId).toBe("staff:audit");
    expect(verifyTreeHead(ledger.head, ledger.publicKey)).toBe(true);
    const proof = ledger.inclusionProof;
    expect(JSON.parse(proof.entry)).toMatchObject({
      kind: "audit.recorded",
      token: record.actorToken,
      data: { record: record.id, digest: record.digest },
    });
    expect(toHex(leafHash(proof.entry))).toBe(proof.leafHash);
    expect(
      verifyInclusion(
        record.ledgerIndex,
        proof.treeSize,
        fromHex(proof.leafHash),
        proof.auditPath.map(fromHex),
        fromHex(ledger.head.rootHash),
      ),
    ).toBe(true);
  });

  it("verifies offline with the shared ledger's verifier (node platform/ledger/verify.ts --path auditLedger)", async () => {
    await recordOf(platform, dpo, "LookUp");
    const ledger = await fetchLedger({ url: platform.url, path: "auditLedger", token: dpo, index: 0 });
    const report = verifyLedger(ledger);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.kinds).toMatchObject({ "audit.recorded": report.size });
  });

  it("refuses to change or delete a record, and shows a record changed behind its back", async () => {
    const record = await recordOf(platform, dpo, "LookUpAgain");
    await expect(
      platform.db.query("UPDATE staff.audit_record SET personal_value_count = 0 WHERE id = $1", [record.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      platform.db.query("DELETE FROM staff.audit_record WHERE id = $1", [record.id]),
    ).rejects.toThrow(/append-only/);
    // Someone with the database owner's rights disables the guard and rewrites the record.
    await platform.db.exec("ALTER TABLE staff.audit_record DISABLE TRIGGER audit_record_append_only");
    await platform.db.query("UPDATE staff.audit_record SET personal_fields = '{}' WHERE id = $1", [
      record.id,
    ]);
    await platform.db.exec("ALTER TABLE staff.audit_record ENABLE TRIGGER audit_record_append_only");
    const [tampered] = await auditTrail(platform, dpo, { operationName: "LookUpAgain" });
    expect(tampered?.intact).toBe(false);
    const [untouched] = await auditTrail(platform, dpo, { operationName: "LookUp" });
    expect(untouched?.intact).toBe(true);
  });

  it("gives agents their own audit trail in their data export (right of access), and nobody else's", async () => {
    const exportOf = async (token: string) => {
      const { body } = await platform.graphql<{
        exportMyData: {
          staff?: { auditTrail: { actorKind: string; operationName: string; personalFields: string[] }[] };
        };
      }>(
        "mutation { exportMyData { __typename ... on PersonalDataExport { accountId staff } } }",
        {},
        { token },
      );
      expect(body.errors).toBeUndefined();
      return body.data?.exportMyData.staff;
    };
    const mine = await exportOf(agent);
    expect(mine?.auditTrail.map((record) => record.operationName)).toEqual(
      expect.arrayContaining(["LookUp", "Aliased", "LookUpAgain"]),
    );
    expect(JSON.stringify(mine)).not.toContain("digest");
    // A citizen's part holds only the record of their own export requests (as the data subject), no agent's.
    const theirs = (await exportOf(resident))?.auditTrail ?? [];
    expect(theirs.filter((record) => record.actorKind !== "data_subject")).toEqual([]);
    expect(theirs.map((record) => record.operationName)).toContain("exportMyData");
  });

  it("keeps records verifiable when the agent's account is erased: the id goes, the token stays", async () => {
    const before = await recordOf(platform, dpo, "LookUp");
    const result = await platform.client.request<{ _eraseAccountData: { pseudonymised: number } }>(
      "staff",
      "mutation Erase($id: ID!) { _eraseAccountData(accountId: $id) { subgraph erased pseudonymised } }",
      { id: agentId },
    );
    expect(result._eraseAccountData.pseudonymised).toBeGreaterThanOrEqual(3);
    const after = await eventually(async () =>
      (await auditTrail(platform, dpo, { operationName: "LookUp" })).find(
        (record) => record.id === before.id,
      ),
    );
    expect(after).toMatchObject({
      actor: null,
      actorToken: before.actorToken,
      digest: before.digest,
      intact: true,
    });
    expect(await auditTrail(platform, dpo, { actorId: agentId })).toEqual([]);
  });
});
