// The whole journey of issue 4 through the gateway, with real MonStrasbourg.eu simulator tokens: a resident drafts
// and submits, a moderator publishes, residents sign until the meeting threshold (the first ones through the
// gateway, the many others as distinct residents at the subgraph level), a visitor is refused, staff answer, and a
// signer checks their inclusion proof with the ledger's verify functions. Runs on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import {
  fromHex,
  leafHash,
  toHex,
  verifyInclusion,
  verifyLedger,
  verifyTreeHead,
} from "../../platform/ledger/index.ts";
import { fetchLedger } from "../../platform/ledger/verify.ts";
import {
  CREATE,
  type DirectPetitions,
  directPetitions,
  key,
  PETITION,
  PUBLISH,
  petitionInput,
  RESPOND,
  resident,
  SIGN,
  START_MODERATION,
  SUBMIT,
  UPDATE,
} from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
type Data = Record<string, any>;

describe("a petition from draft to the city's answer", () => {
  let platform: SignedInPlatform;
  let direct: DirectPetitions;
  const tokens: Record<string, string> = {};
  let petitionId = "";
  let residentSignature: { id: string; ledgerIndex: number } = { id: "", ledgerIndex: -1 };

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    direct = await directPetitions(platform);
    for (const persona of ["resident", "visitor", "agent", "moderator", "dpo"]) {
      tokens[persona] = await platform.token(persona);
    }
  });
  afterAll(async () => {
    await direct?.server.apollo.stop();
    await platform?.close();
  });

  const as = (persona: string, query: string, variables?: Record<string, unknown>) =>
    platform.graphql<Data>(query, variables, persona === "anonymous" ? {} : { token: tokens[persona] });

  it("a resident drafts a petition; nobody else sees the draft", async () => {
    const input = petitionInput({
      title: "  Des pistes <b>cyclables</b> continues  ",
      body: `${petitionInput().body}\n\n<script>alert("x")</script>`,
    });
    const { body } = await as("resident", CREATE, { input });
    expect(body.errors).toBeUndefined();
    const created = body.data?.createPetition;
    expect(created.__typename).toBe("PetitionCreated");
    petitionId = created.petition.id;
    expect(created.petition).toMatchObject({
      state: "DRAFT",
      displayedStatus: null,
      signingOpen: false,
      signatureCount: 0,
      // Plain text as typed (trimmed), escaped in the HTML renderings.
      title: "Des pistes <b>cyclables</b> continues",
      titleHtml: "Des pistes &lt;b&gt;cyclables&lt;/b&gt; continues",
      nextMilestone: { kind: "MEETING", threshold: 500, remaining: 500 },
    });
    expect(created.petition.body).toContain('<script>alert("x")</script>');
    expect(created.petition.bodyHtml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(created.petition.bodyHtml).not.toContain("<script>");

    for (const persona of ["anonymous", "visitor"]) {
      expect((await as(persona, PETITION, { id: petitionId })).body.data?.petition).toBeNull();
    }
    expect((await as("resident", PETITION, { id: petitionId })).body.data?.petition.state).toBe("DRAFT");
  });

  it("the author edits the draft and submits it; it enters the moderation queue", async () => {
    const edited = await as("resident", UPDATE, {
      id: petitionId,
      input: petitionInput({ title: "Des pistes cyclables continues rue du Faubourg-National" }),
    });
    expect(edited.body.data?.updatePetition).toMatchObject({ __typename: "PetitionUpdated" });
    const submitted = await as("resident", SUBMIT, { id: petitionId });
    expect(submitted.body.data?.submitPetition).toMatchObject({
      __typename: "PetitionSubmitted",
      petition: { state: "SUBMITTED" },
    });
    // Frozen once submitted.
    const late = await as("resident", UPDATE, { id: petitionId, input: petitionInput() });
    expect(late.body.data?.updatePetition).toMatchObject({
      __typename: "PetitionStateConflict",
      currentState: "SUBMITTED",
    });

    const queue = await as(
      "moderator",
      `{ petitionModerationQueue { totalCount edges { node { id state } } } }`,
    );
    expect(queue.body.data?.petitionModerationQueue.edges.map((edge: Data) => edge.node.id)).toContain(
      petitionId,
    );
    // The queue is for moderators only.
    const refused = await as("resident", `{ petitionModerationQueue { totalCount } }`);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a moderator takes it into moderation and publishes it: it opens for signatures", async () => {
    const started = await as("moderator", START_MODERATION, { id: petitionId });
    expect(started.body.data?.startPetitionModeration.petition.state).toBe("IN_MODERATION");
    // Residents cannot publish.
    const forbidden = await as("resident", PUBLISH, { id: petitionId });
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const published = await as("moderator", PUBLISH, { id: petitionId });
    const petition = published.body.data?.publishPetition.petition;
    expect(petition).toMatchObject({ state: "PUBLISHED", displayedStatus: "NEW", signingOpen: true });
    const days = (Date.parse(petition.signingEndsAt) - Date.parse(petition.signingStartsAt)) / 86_400_000;
    expect(days).toBe(90);
    // Public now.
    expect((await as("anonymous", PETITION, { id: petitionId })).body.data?.petition.state).toBe("PUBLISHED");
  });

  it("refuses the visitor's signature as not eligible, changing nothing", async () => {
    const { body } = await as("visitor", SIGN, { petitionId, key: key("visitor") });
    expect(body.data?.signPetition.__typename).toBe("PetitionNotEligible");
    expect(body.data?.signPetition.reasons).toEqual(
      expect.arrayContaining(["VERIFICATION_TOO_LOW", "NOT_A_RESIDENT", "PACT_NOT_SIGNED"]),
    );
    const anonymous = await as("anonymous", SIGN, { petitionId, key: key("anonymous") });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await as("anonymous", PETITION, { id: petitionId })).body.data?.petition.signatureCount).toBe(0);
  });

  it("the resident signs once: a replay with the same key gives the same result, another key AlreadySigned", async () => {
    const idempotencyKey = key("resident");
    const first = await as("resident", SIGN, { petitionId, key: idempotencyKey, publicName: "Camille M." });
    expect(first.body.data?.signPetition).toMatchObject({
      __typename: "PetitionSigned",
      signature: { ledgerIndex: 0, publicName: "Camille M." },
      petition: { signatureCount: 1 },
    });
    residentSignature = first.body.data?.signPetition.signature;
    const replay = await as("resident", SIGN, { petitionId, key: idempotencyKey, publicName: "Camille M." });
    expect(replay.body.data?.signPetition).toMatchObject({
      __typename: "PetitionSigned",
      signature: { id: residentSignature.id },
      petition: { signatureCount: 1 },
    });
    const again = await as("resident", SIGN, { petitionId, key: key("resident-again") });
    expect(again.body.data?.signPetition).toMatchObject({
      __typename: "AlreadySigned",
      signature: { id: residentSignature.id },
    });
    const moderator = await as("moderator", SIGN, { petitionId, key: key("moderator") });
    expect(moderator.body.data?.signPetition.petition.signatureCount).toBe(2);
  });

  it("residents sign until the meeting threshold: the milestone is recorded with its date, and an event emitted", async () => {
    const signers = Array.from({ length: 498 }, (_, i) => resident(i, platform.config.PSEUDONYM_SECRET));
    for (let start = 0; start < signers.length; start += 50) {
      const batch = signers.slice(start, start + 50);
      const results = await Promise.all(
        batch.map((caller, i) => direct.call(caller, SIGN, { petitionId, key: `journey-${start + i}` })),
      );
      for (const result of results) expect(result.data?.signPetition?.__typename).toBe("PetitionSigned");
    }
    const { body } = await as("anonymous", PETITION, { id: petitionId });
    const petition = body.data?.petition;
    expect(petition).toMatchObject({
      signatureCount: 500,
      onlineSignatureCount: 500,
      nextMilestone: { kind: "COUNCIL", threshold: 2800, remaining: 2300 },
    });
    expect(petition.milestones).toEqual([
      { kind: "MEETING", threshold: 500, reachedAt: expect.any(String), signatureCount: 500 },
    ]);
    const events = await platform.db.query<{ type: string; payload: Data }>(
      `SELECT type, payload FROM petitions.outbox_event WHERE subject = $1 ORDER BY occurred_at`,
      [`petition:${petitionId}`],
    );
    expect(events.map((event) => event.type)).toEqual(["petition.published", "petition.milestone_reached"]);
    expect(events[1]?.payload).toMatchObject({ milestone: "meeting", threshold: 500, signatureCount: 500 });
    // The counter is maintained, never recounted: it equals the rows and the ledger's signed total.
    const [rows] = await platform.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM petitions.signature WHERE petition_id = $1 AND withdrawn_at IS NULL",
      [petitionId],
    );
    expect(rows?.n).toBe(500);
  });

  it("the public sees the signers who chose to show their name, and nobody else's", async () => {
    const { body } = await as(
      "anonymous",
      `query($id: ID!) { petition(id: $id) { publicSigners { edges { node { publicName } } } } }`,
      {
        id: petitionId,
      },
    );
    expect(body.data?.petition.publicSigners.edges).toEqual([{ node: { publicName: "Camille M." } }]);
  });

  it("staff answer the petition officially; signing is then closed", async () => {
    const refused = await as("resident", RESPOND, { id: petitionId, response: "Oui." });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const response =
      "La Ville réalisera la continuité cyclable en 2027.\n\nUne réunion publique aura lieu en mars.";
    const { body } = await as("agent", RESPOND, { id: petitionId, response });
    expect(body.data?.respondToPetition).toMatchObject({
      __typename: "PetitionAnswered",
      petition: { state: "ANSWERED", signingOpen: false, response: { text: response, service: "DMEPN" } },
    });
    const late = await direct.call(resident(10_001, platform.config.PSEUDONYM_SECRET), SIGN, {
      petitionId,
      key: "journey-late",
    });
    expect(late.data?.signPetition).toMatchObject({
      __typename: "PetitionNotOpen",
      currentState: "ANSWERED",
    });
    const [event] = await platform.db.query<{ type: string }>(
      `SELECT type FROM petitions.outbox_event WHERE subject = $1 AND type = 'petition.answered'`,
      [`petition:${petitionId}`],
    );
    expect(event?.type).toBe("petition.answered");
  });

  it("a signer checks that their signature is in the signed ledger, with the verify functions", async () => {
    const { body } = await as(
      "resident",
      `query($id: ID!) { petition(id: $id) {
         mySignature { ledgerIndex ledgerToken inclusionProof { index treeSize entry leafHash auditPath rootHash } }
         ledger { logId publicKey head { logId size total rootHash timestamp signature keyId } }
       } }`,
      { id: petitionId },
    );
    expect(body.errors).toBeUndefined();
    const { mySignature, ledger } = (body.data as Data).petition;
    const proof = mySignature.inclusionProof;
    expect(proof.index).toBe(residentSignature.ledgerIndex);
    // The head is signed by the platform's key and vouches for 500 signatures.
    expect(verifyTreeHead(ledger.head, ledger.publicKey)).toBe(true);
    expect(ledger.head).toMatchObject({ size: 500, total: 500 });
    // The entry is pseudonymous: the signer's per-petition token, no account id, no name.
    const entry = JSON.parse(proof.entry);
    expect(entry).toMatchObject({ kind: "signature.added", token: mySignature.ledgerToken, delta: 1 });
    expect(proof.entry).not.toMatch(/Camille|[0-9a-f]{8}-[0-9a-f]{4}-/);
    // Recomputed by the signer: leaf hash, audit path, signed root.
    expect(toHex(leafHash(proof.entry))).toBe(proof.leafHash);
    expect(proof.rootHash).toBe(ledger.head.rootHash);
    expect(
      verifyInclusion(
        proof.index,
        proof.treeSize,
        leafHash(proof.entry),
        proof.auditPath.map(fromHex),
        fromHex(ledger.head.rootHash),
      ),
    ).toBe(true);
    // A forged entry does not verify.
    const forged = proof.entry.replace(mySignature.ledgerToken, "x".repeat(43));
    expect(
      verifyInclusion(
        proof.index,
        proof.treeSize,
        leafHash(forged),
        proof.auditPath.map(fromHex),
        fromHex(ledger.head.rootHash),
      ),
    ).toBe(false);

    // The verification command's library, from the public endpoint: every entry, the root, the total, the proof.
    const published = await fetchLedger({
      url: platform.url,
      path: `petition(id: "${petitionId}").ledger`,
      index: proof.index,
    });
    const report = verifyLedger(published, { publicKey: ledger.publicKey });
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report).toMatchObject({ ok: true, total: 500, size: 500 });
  });

  it("the author and the account's counts are visible as the rules say", async () => {
    const { body } = await as(
      "resident",
      `query($id: ID!) { petition(id: $id) { author { id authoredPetitionCount signedPetitionCount signedPetitions { totalCount edges { node { id } } } } } }`,
      { id: petitionId },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.petition.author).toMatchObject({
      authoredPetitionCount: 1,
      signedPetitionCount: 1,
      signedPetitions: { totalCount: 1, edges: [{ node: { id: petitionId } }] },
    });
    // Another person (staff included) cannot read someone's signatures.
    for (const persona of ["moderator", "anonymous"]) {
      const other = await as(
        persona,
        `query($id: ID!) { petition(id: $id) { author { authoredPetitionCount signedPetitionCount } } }`,
        {
          id: petitionId,
        },
      );
      expect(other.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(other.body.errors?.[0]?.path).toEqual(["petition", "author", "signedPetitionCount"]);
    }
  });
});
