// The rest of the lifecycle, with rules set by configuration for this platform (thresholds 3 and 5, a committee
// of at least one co-author): the supporting committee, rejection, withdrawal by the author, withdrawal and renewal
// of a signature, paper batches entered by staff, milestones and the closing of expired petitions, staff-only
// fields and partners' scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { type Caller, SYSTEM } from "../../platform/caller.ts";
import { readEntries } from "../../platform/ledger/index.ts";
import {
  CREATE,
  type DirectPetitions,
  directPetitions,
  key,
  moderatorCaller,
  PETITION,
  PUBLISH,
  petitionInput,
  REJECT,
  resident,
  SIGN,
  SUBMIT,
  staffCaller,
  WITHDRAW_PETITION,
  WITHDRAW_SIGNATURE,
} from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
type Data = Record<string, any>;

const ACCEPT = /* GraphQL */ `
  mutation Accept($id: ID!) {
    acceptPetitionCoAuthorship(petitionId: $id) { __typename ... on Problem { message } }
  }
`;

const PAPER = /* GraphQL */ `
  mutation Paper($id: ID!, $batch: PaperSignatureBatchInput!) {
    recordPaperSignatures(petitionId: $id, batch: $batch) {
      __typename
      ... on PaperSignaturesRecorded {
        batch { id count collectedOn location enteredByService ledgerIndex }
        petition { signatureCount onlineSignatureCount paperSignatureCount milestones { kind } }
      }
      ... on Problem { message }
    }
  }
`;

describe("lifecycle rules from configuration", () => {
  let platform: SignedInPlatform;
  let direct: DirectPetitions;
  let secret = "";
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startSignedInPlatform({
      env: { PETITION_MEETING_THRESHOLD: "3", PETITION_COUNCIL_THRESHOLD: "5", PETITION_MIN_COAUTHORS: "1" },
    });
    direct = await directPetitions(platform);
    secret = platform.config.PSEUDONYM_SECRET;
    for (const persona of ["resident", "moderator", "agent", "visitor", "ems-partner"]) {
      tokens[persona] = await platform.token(persona);
      if (persona !== "ems-partner") {
        const me = await platform.graphql<Data>("{ me { id } }", undefined, { token: tokens[persona] });
        ids[persona] = me.body.data?.me.id;
      }
    }
  });
  afterAll(async () => {
    await direct?.server.apollo.stop();
    await platform?.close();
  });

  const as = (persona: string, query: string, variables?: Record<string, unknown>) =>
    platform.graphql<Data>(query, variables, persona === "anonymous" ? {} : { token: tokens[persona] });

  /** A petition authored by `author` with one accepted co-author, submitted and published (direct calls). */
  async function published(author: Caller, title: string): Promise<string> {
    const coAuthor = resident(700 + Math.floor(Math.random() * 100_000), secret);
    const created = await direct.call(author, CREATE, {
      input: petitionInput({ title, coAuthorIds: [coAuthor.accountId] }),
    });
    const id = created.data?.createPetition.petition.id as string;
    await direct.call(coAuthor, ACCEPT, { id });
    await direct.call(author, SUBMIT, { id });
    const done = await direct.call(moderatorCaller(secret), PUBLISH, { id });
    expect(done.data?.publishPetition.__typename).toBe("PetitionPublished");
    return id;
  }

  it("needs a committee of co-authors who accepted before submission", async () => {
    const created = await as("resident", CREATE, {
      input: petitionInput({ coAuthorIds: [ids.moderator, ids.resident, ids.moderator] }),
    });
    const id = created.body.data?.createPetition.petition.id;
    // The author is not their own co-author, and an invitation is listed once.
    const invited = await as(
      "resident",
      `query($id: ID!) { petition(id: $id) { invitedCoAuthors { id } coAuthors { id } } }`,
      { id },
    );
    expect(invited.body.data?.petition).toEqual({ invitedCoAuthors: [{ id: ids.moderator }], coAuthors: [] });
    // The invitee sees the draft; others do not.
    expect((await as("moderator", PETITION, { id })).body.data?.petition.state).toBe("DRAFT");
    expect((await as("visitor", PETITION, { id })).body.data?.petition).toBeNull();

    const tooSmall = await as("resident", SUBMIT, { id });
    expect(tooSmall.body.data?.submitPetition).toMatchObject({ __typename: "CommitteeSizeProblem" });
    const stranger = await as("visitor", ACCEPT, { id });
    expect(stranger.body.data?.acceptPetitionCoAuthorship.__typename).toBe("NotInvited");
    const accepted = await as("moderator", ACCEPT, { id });
    expect(accepted.body.data?.acceptPetitionCoAuthorship.__typename).toBe("CoAuthorshipAccepted");
    const after = await as(
      "resident",
      `query($id: ID!) { petition(id: $id) { invitedCoAuthors { id } coAuthors { id } } }`,
      { id },
    );
    expect(after.body.data?.petition).toEqual({ invitedCoAuthors: [], coAuthors: [{ id: ids.moderator }] });
    // Pending invitations are for the authors and staff.
    const peek = await as("visitor", `query($id: ID!) { petition(id: $id) { invitedCoAuthors { id } } }`, {
      id,
    });
    expect(peek.body.data?.petition).toBeNull();
    const submitted = await as("resident", SUBMIT, { id });
    expect(submitted.body.data?.submitPetition).toMatchObject({ __typename: "PetitionSubmitted" });
    // A co-author cannot submit or withdraw in the author's place.
    const notAuthor = await as("moderator", WITHDRAW_PETITION, { id });
    expect(notAuthor.body.data?.withdrawPetition.__typename).toBe("NotPetitionAuthor");
  });

  it("a moderator rejects with a reason the authors see; the public never sees the petition", async () => {
    const author = resident(11, secret);
    const coAuthor = resident(12, secret);
    const created = await direct.call(author, CREATE, {
      input: petitionInput({ coAuthorIds: [coAuthor.accountId] }),
    });
    const draft = created.data?.createPetition.petition.id;
    await direct.call(coAuthor, ACCEPT, { id: draft });
    await direct.call(author, SUBMIT, { id: draft });
    const rejected = await direct.call(moderatorCaller(secret), REJECT, {
      id: draft,
      reason: "Hors des compétences de la Ville.",
    });
    expect(rejected.data?.rejectPetition.petition).toMatchObject({
      state: "REJECTED",
      rejectionReason: "Hors des compétences de la Ville.",
      displayedStatus: null,
    });
    const seenByAuthor = await direct.call(author, PETITION, { id: draft });
    expect(seenByAuthor.data?.petition.rejectionReason).toBe("Hors des compétences de la Ville.");
    expect((await as("anonymous", PETITION, { id: draft })).body.data?.petition).toBeNull();
    const again = await direct.call(moderatorCaller(secret), PUBLISH, { id: draft });
    expect(again.data?.publishPetition).toMatchObject({
      __typename: "PetitionStateConflict",
      currentState: "REJECTED",
    });
  });

  it("counts a withdrawn signature out and a renewed one in, under the same ledger token", async () => {
    const id = await published(resident(20, secret), "Une pétition signée, retirée, re-signée");
    const signer = resident(21, secret);
    expect(
      (await direct.call(signer, SIGN, { petitionId: id, key: "renew-1-key" })).data?.signPetition.petition
        .signatureCount,
    ).toBe(1);
    const withdrawn = await direct.call(signer, WITHDRAW_SIGNATURE, { petitionId: id });
    expect(withdrawn.data?.withdrawSignature).toMatchObject({
      __typename: "SignatureWithdrawn",
      petition: { signatureCount: 0 },
    });
    const twice = await direct.call(signer, WITHDRAW_SIGNATURE, { petitionId: id });
    expect(twice.data?.withdrawSignature.__typename).toBe("SignatureNotFound");
    const renewed = await direct.call(signer, SIGN, { petitionId: id, key: "renew-2-key" });
    expect(renewed.data?.signPetition).toMatchObject({
      __typename: "PetitionSigned",
      petition: { signatureCount: 1 },
    });
    const entries = (await readEntries(platform.db.prisma, "petitions", `petition:${id}`, 0, 10)).map((row) =>
      JSON.parse(row.entry),
    );
    expect(entries.map((entry) => [entry.kind, entry.delta])).toEqual([
      ["signature.added", 1],
      ["signature.withdrawn", -1],
      ["signature.added", 1],
    ]);
    expect(new Set(entries.map((entry) => entry.token)).size).toBe(1);
    expect(renewed.data?.signPetition.signature.ledgerIndex).toBe(2);
  });

  it("staff enter paper batches: shown apart, counted in the total, in the ledger; milestones follow", async () => {
    const id = await published(resident(30, secret), "Une pétition signée sur papier au marché");
    await direct.call(resident(31, secret), SIGN, { petitionId: id, key: "paper-online-1" });
    const today = new Date().toISOString().slice(0, 10);
    const refused = await as("resident", PAPER, {
      id,
      batch: { count: 3, collectedOn: today, location: "Marché de Neudorf" },
    });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const recorded = await as("agent", PAPER, {
      id,
      batch: { count: 3, collectedOn: today, location: "  Marché de Neudorf " },
    });
    expect(recorded.body.data?.recordPaperSignatures).toMatchObject({
      __typename: "PaperSignaturesRecorded",
      batch: {
        count: 3,
        collectedOn: today,
        location: "Marché de Neudorf",
        enteredByService: "DMEPN",
        ledgerIndex: 1,
      },
      petition: {
        signatureCount: 4,
        onlineSignatureCount: 1,
        paperSignatureCount: 3,
        milestones: [{ kind: "MEETING" }],
      },
    });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (const batch of [
      { count: 0, collectedOn: today, location: "Marché" },
      { count: 2, collectedOn: tomorrow, location: "Marché" },
      { count: 2, collectedOn: "2020-01-01", location: "Marché" },
    ]) {
      const bad = await as("agent", PAPER, { id, batch });
      expect(bad.body.data?.recordPaperSignatures.__typename).toBe("InvalidPaperBatch");
    }
    const view = (persona: string) =>
      as(
        persona,
        `query($id: ID!) { petition(id: $id) { signatureCount paperBatches { count location enteredBy { id } } } }`,
        { id },
      );
    const staffView = await view("agent");
    expect(staffView.body.data?.petition.paperBatches).toEqual([
      { count: 3, location: "Marché de Neudorf", enteredBy: { id: ids.agent } },
    ]);
    // Who entered a batch is for staff; the batch itself is public.
    const publicView = await view("anonymous");
    expect(publicView.body.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    expect(publicView.body.errors?.[0]?.path).toEqual(["petition", "paperBatches", 0, "enteredBy"]);
    const entries = await readEntries(platform.db.prisma, "petitions", `petition:${id}`, 0, 10);
    expect(JSON.parse(entries[1]?.entry ?? "{}")).toMatchObject({
      kind: "paper.batch",
      token: null,
      delta: 3,
    });
    // Two more online signatures: the council threshold (5) is reached, once.
    await direct.call(resident(32, secret), SIGN, { petitionId: id, key: "paper-online-2" });
    const council = await direct.call(resident(33, secret), PETITION, { id });
    expect(council.data?.petition).toMatchObject({
      signatureCount: 5,
      displayedStatus: "COMPLETED",
      nextMilestone: null,
    });
    expect(council.data?.petition.milestones.map((m: Data) => m.kind)).toEqual(["MEETING", "COUNCIL"]);
    const events = await platform.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM petitions.outbox_event WHERE subject = $1 AND type = 'petition.milestone_reached'`,
      [`petition:${id}`],
    );
    expect(events[0]?.n).toBe(2);
  });

  it("closes petitions whose period ended below the first threshold, and only those", async () => {
    const below = await published(resident(40, secret), "Une pétition qui n'atteint pas le seuil");
    const above = await published(resident(41, secret), "Une pétition qui atteint le seuil à temps");
    for (let i = 0; i < 3; i++)
      await direct.call(resident(42 + i, secret), SIGN, { petitionId: above, key: `above-${i}-key` });
    await platform.db.query(
      `UPDATE petitions.petition SET signing_starts_at = now() - interval '91 days', signing_ends_at = now() - interval '1 hour'
       WHERE id = ANY($1::uuid[])`,
      [[below, above]],
    );
    const refused = await as("agent", `mutation { _closeExpiredPetitions }`);
    expect(refused.status).toBe(400);
    const closed = await direct.call(SYSTEM, `mutation { _closeExpiredPetitions }`);
    expect(closed.data?._closeExpiredPetitions).toBe(1);
    expect(
      (await direct.call(SYSTEM, `mutation { _closeExpiredPetitions }`)).data?._closeExpiredPetitions,
    ).toBe(0);
    const states = await platform.db.query<{ id: string; state: string }>(
      `SELECT id::text, state FROM petitions.petition WHERE id = ANY($1::uuid[])`,
      [[below, above]],
    );
    expect(Object.fromEntries(states.map((row) => [row.id, row.state]))).toEqual({
      [below]: "closed",
      [above]: "published",
    });
    const [event] = await platform.db.query<{ payload: Data }>(
      `SELECT payload FROM petitions.outbox_event WHERE subject = $1 AND type = 'petition.closed'`,
      [`petition:${below}`],
    );
    expect(event?.payload).toMatchObject({ petitionId: below, signatureCount: 0 });
    const view = await direct.call(resident(1, secret), PETITION, { id: below });
    expect(view.data?.petition).toMatchObject({
      state: "CLOSED",
      displayedStatus: "FAILED",
      signingOpen: false,
    });
  });

  it("the author withdraws a published petition: it stays public, closed to signatures", async () => {
    const author = resident(50, secret);
    const id = await published(author, "Une pétition retirée par son auteur");
    const other = await direct.call(resident(51, secret), WITHDRAW_PETITION, { id });
    expect(other.data?.withdrawPetition.__typename).toBe("NotPetitionAuthor");
    const withdrawn = await direct.call(author, WITHDRAW_PETITION, { id });
    expect(withdrawn.data?.withdrawPetition.petition).toMatchObject({
      state: "WITHDRAWN",
      displayedStatus: "FAILED",
      signingOpen: false,
    });
    expect((await as("anonymous", PETITION, { id })).body.data?.petition.state).toBe("WITHDRAWN");
    const sign = await direct.call(resident(52, secret), SIGN, { petitionId: id, key: "withdrawn-key-1" });
    expect(sign.data?.signPetition).toMatchObject({
      __typename: "PetitionNotOpen",
      currentState: "WITHDRAWN",
    });
    const again = await direct.call(author, WITHDRAW_PETITION, { id });
    expect(again.data?.withdrawPetition).toMatchObject({
      __typename: "PetitionStateConflict",
      currentState: "WITHDRAWN",
    });
  });

  it("refuses staff-only fields to citizens, and petitions to partners without petitions:read", async () => {
    const id = await published(resident(60, secret), "Une pétition pour vérifier les droits");
    const fields = `query($id: ID!) { petition(id: $id) { moderator { id } moderationStartedAt } }`;
    const citizen = await as("resident", fields, { id });
    expect(citizen.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const staff = await direct.call(staffCaller(secret), fields, { id });
    expect(staff.errors).toBeUndefined();
    expect(staff.data?.petition.moderator.id).toBe(moderatorCaller(secret).accountId);

    const partner = await as("ems-partner", `{ petitions { totalCount } }`);
    expect(partner.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const reader: Caller = {
      ...SYSTEM,
      kind: "partner",
      roles: ["partner"],
      partnerClientId: "ems-partner",
      scopes: ["petitions:read"],
    };
    const allowed = await direct.call(reader, `query($id: ID!) { petition(id: $id) { id signatureCount } }`, {
      id,
    });
    expect(allowed.data?.petition).toEqual({ id, signatureCount: 0 });
    const signing = await direct.call(reader, SIGN, { petitionId: id, key: key("partner") });
    expect(signing.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
