// Staff tools and personal data: the export of a petition's signatures for the council (minimal personal data,
// every access in an audit table and in a tamper-evident audit ledger), and the erasure of an account (its
// signatures stay counted but no longer lead to it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { SYSTEM } from "../../platform/caller.ts";
import { readHead, verifyLedger, verifyTreeHead } from "../../platform/ledger/index.ts";
import { fetchLedger } from "../../platform/ledger/verify.ts";
import { subgraphsHoldingPersonalData } from "../../subgraphs/registry.ts";
import {
  CREATE,
  type DirectPetitions,
  directPetitions,
  key,
  PETITION,
  petitionInput,
  preparePetition,
  resident,
  SIGN,
  WITHDRAW_SIGNATURE,
} from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
type Data = Record<string, any>;

const EXPORT = /* GraphQL */ `
  mutation Export($id: ID!, $purpose: String!) {
    exportPetitionSignatures(petitionId: $id, purpose: $purpose) {
      __typename
      ... on SignatureExport {
        auditId purpose generatedAt signatureCount
        ledgerHead { logId size total rootHash timestamp signature keyId }
        signatures { ledgerIndex ledgerToken signedAt verificationLevel publicName }
        paperBatches { count }
        petition { id title }
      }
      ... on Problem { message }
    }
  }
`;

const AUDITS = /* GraphQL */ `
  query Audits($id: ID) {
    petitionExportAudits(petitionId: $id) {
      edges { node { id purpose rowCount actorService actor { id } petition { id } ledgerIndex } }
      ledger { logId publicKey head { logId size total rootHash timestamp signature keyId } }
    }
  }
`;

describe("staff tools and personal data", () => {
  let platform: SignedInPlatform;
  let direct: DirectPetitions;
  let secret = "";
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    direct = await directPetitions(platform);
    secret = platform.config.PSEUDONYM_SECRET;
    for (const persona of ["resident", "agent", "dpo", "admin", "moderator"])
      tokens[persona] = await platform.token(persona);
  });
  afterAll(async () => {
    await direct?.server.apollo.stop();
    await platform?.close();
  });

  const as = (persona: string, query: string, variables?: Record<string, unknown>) =>
    platform.graphql<Data>(query, variables, persona === "anonymous" ? {} : { token: tokens[persona] });

  it("exports the current signatures with no account and no identity, and records the access", async () => {
    const id = await preparePetition(direct, secret, {
      input: { title: "Une pétition exportée pour le conseil" },
    });
    const signers = [resident(1, secret), resident(2, secret), resident(3, secret)];
    for (const [i, signer] of signers.entries()) {
      await direct.call(signer, SIGN, {
        petitionId: id,
        key: `export-${i}-key`,
        publicName: i === 0 ? "Alex P." : null,
      });
    }
    await direct.call(signers[2] as never, WITHDRAW_SIGNATURE, { petitionId: id });

    const refused = await as("resident", EXPORT, { id, purpose: "Curiosité" });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const badPurpose = await as("agent", EXPORT, { id, purpose: " " });
    expect(badPurpose.body.data?.exportPetitionSignatures).toMatchObject({
      __typename: "InvalidPetitionText",
    });

    const { body } = await as("agent", EXPORT, { id, purpose: "Séance du conseil municipal du 15 décembre" });
    expect(body.errors).toBeUndefined();
    const exported = body.data?.exportPetitionSignatures;
    expect(exported).toMatchObject({ __typename: "SignatureExport", signatureCount: 2, petition: { id } });
    expect(exported.signatures).toHaveLength(2);
    expect(exported.signatures[0]).toMatchObject({
      verificationLevel: "resident_verified",
      publicName: "Alex P.",
    });
    // Minimal personal data: no account id of any signer anywhere in the export.
    const text = JSON.stringify(exported);
    for (const signer of signers) expect(text).not.toContain(signer.accountId);
    // The head it vouches for is signed, and its tokens are those of the ledger.
    const key = await as("anonymous", `query($id: ID!) { petition(id: $id) { ledger { publicKey } } }`, {
      id,
    });
    expect(verifyTreeHead(exported.ledgerHead, key.body.data?.petition.ledger.publicKey)).toBe(true);
    expect(exported.ledgerHead).toMatchObject({ size: 4, total: 2 });

    const [row] = await platform.db.query<Data>(
      `SELECT purpose, row_count AS "rowCount", actor_service AS "actorService", actor_account_id::text AS actor
       FROM petitions.export_audit WHERE id = $1`,
      [exported.auditId],
    );
    expect(row).toMatchObject({
      purpose: "Séance du conseil municipal du 15 décembre",
      rowCount: 2,
      actorService: "DMEPN",
    });
    expect(row?.actor).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows the audit trail to the DPO and administrators only, with a ledger that verifies", async () => {
    const id = await preparePetition(direct, secret, { input: { title: "Une pétition exportée deux fois" } });
    await as("agent", EXPORT, { id, purpose: "Première lecture en commission" });
    await as("agent", EXPORT, { id, purpose: "Séance plénière" });
    for (const persona of ["resident", "agent", "moderator"]) {
      expect((await as(persona, AUDITS, { id })).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    for (const persona of ["dpo", "admin"]) {
      const { body } = await as(persona, AUDITS, { id });
      expect(body.errors).toBeUndefined();
      const audits = body.data?.petitionExportAudits;
      expect(audits.edges.map((edge: Data) => edge.node.purpose)).toEqual([
        "Séance plénière",
        "Première lecture en commission",
      ]);
      expect(audits.edges[0].node).toMatchObject({ rowCount: 0, actorService: "DMEPN", petition: { id } });
      expect(verifyTreeHead(audits.ledger.head, audits.ledger.publicKey)).toBe(true);
    }
    // Offline verification of the audit ledger from the endpoint, by the DPO.
    const published = await fetchLedger({
      url: platform.url,
      path: "petitionExportAudits(first: 1).ledger",
      token: tokens.dpo,
    });
    const report = verifyLedger(published);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.kinds["signatures.exported"]).toBeGreaterThanOrEqual(2);
    // An audit row edited afterwards no longer matches the ledger entry written with it.
    const [entry] = await platform.db.query<{ entry: string }>(
      `SELECT e.entry FROM petitions.ledger_entry e JOIN petitions.export_audit a ON a.ledger_seq = e.seq
       WHERE e.log_id = 'petitions:audit' AND a.purpose = 'Séance plénière'`,
    );
    expect(JSON.parse(entry?.entry ?? "{}")).toMatchObject({
      kind: "signatures.exported",
      delta: 0,
      data: { petitionId: id, rows: 0 },
    });
  });

  it("erases an account everywhere: its signatures stay counted but lead to no one", async () => {
    const me = await as("resident", "{ me { id } }");
    const accountId = me.body.data?.me.id as string;
    const published = await as("resident", CREATE, {
      input: petitionInput({ title: "Une pétition publiée puis effacée" }),
    });
    const publishedId = published.body.data?.createPetition.petition.id;
    await platform.graphql(
      `mutation($id: ID!) { submitPetition(id: $id) { __typename } }`,
      { id: publishedId },
      { token: tokens.resident },
    );
    await platform.graphql(
      `mutation($id: ID!) { publishPetition(id: $id) { __typename } }`,
      { id: publishedId },
      { token: tokens.moderator },
    );
    const draft = await as("resident", CREATE, {
      input: petitionInput({ title: "Un brouillon qui disparaîtra" }),
    });
    const draftId = draft.body.data?.createPetition.petition.id;
    const other = await preparePetition(direct, secret, {
      input: { title: "Une pétition signée par la personne effacée" },
    });
    const signed = await as("resident", SIGN, {
      petitionId: other,
      key: key("erase"),
      publicName: "Camille M.",
    });
    expect(signed.body.data?.signPetition.__typename).toBe("PetitionSigned");
    const headBefore = await readHead(platform.db.prisma, "petitions", `petition:${other}`);

    expect(subgraphsHoldingPersonalData()).toContain("petitions");
    // As the platform's erasure does it: the system caller, through the platform's subgraph client.
    const { _eraseAccountData: erasure } = await platform.client.request<{ _eraseAccountData: Data }>(
      "petitions",
      `mutation($id: ID!) { _eraseAccountData(accountId: $id) { subgraph erased pseudonymised } }`,
      { id: accountId },
    );
    // Erased: the draft and the idempotency key; pseudonymised: the published petition's author, the signature.
    expect(erasure).toEqual({ subgraph: "petitions", erased: 2, pseudonymised: 3 });

    // Counted still, and the ledger untouched; but no row names the account any more.
    const after = await direct.call(resident(9, secret), PETITION, { id: other });
    expect(after.data?.petition.signatureCount).toBe(1);
    expect(await readHead(platform.db.prisma, "petitions", `petition:${other}`)).toEqual(headBefore);
    const [links] = await platform.db.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM petitions.signature WHERE account_id = $1::uuid OR public_name = 'Camille M.')
             + (SELECT count(*) FROM petitions.petition WHERE author_account_id = $1::uuid)
             + (SELECT count(*) FROM petitions.idempotency_key WHERE account_id = $1::uuid)
             + (SELECT count(*) FROM petitions.outbox_event WHERE payload::text LIKE '%' || $1 || '%'))::int AS n`,
      [accountId],
    );
    expect(links?.n).toBe(0);
    expect((await direct.call(SYSTEM, PETITION, { id: draftId })).data?.petition).toBeNull();
    const kept = await direct.call(SYSTEM, PETITION, { id: publishedId });
    expect(kept.data?.petition).toMatchObject({ state: "PUBLISHED", author: null });
    // Erasing again finds nothing more.
    const again = await direct.call(
      SYSTEM,
      `mutation($id: ID!) { _eraseAccountData(accountId: $id) { erased pseudonymised } }`,
      {
        id: accountId,
      },
    );
    expect(again.data?._eraseAccountData).toEqual({ erased: 0, pseudonymised: 0 });
    // The same person cannot sign a second time with a token issued before the erasure.
    const twice = await as("resident", SIGN, { petitionId: other, key: key("erase-again") });
    expect(twice.body.data?.signPetition.__typename).toBe("AlreadySigned");
  });

  it("refuses the internal mutations from outside", async () => {
    const { status, body } = await as("admin", `mutation { _closeExpiredPetitions }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const direct401 = await direct.call(
      resident(1, secret),
      `mutation { _eraseAccountData(accountId: "${resident(1, secret).accountId}") { erased } }`,
    );
    expect(direct401.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
