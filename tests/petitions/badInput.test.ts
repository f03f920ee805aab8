// Bad input of issue 4: empty or oversized texts, markup, signing a draft, a closed or an unknown petition, an
// idempotency key reused with another petition, malformed arguments. Each gets a typed result or error and
// changes nothing (petitions, signatures and ledgers are counted before and after).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { SYSTEM } from "../../platform/caller.ts";
import {
  CREATE,
  type DirectPetitions,
  directPetitions,
  key,
  moderatorCaller,
  PUBLISH,
  petitionInput,
  preparePetition,
  REJECT,
  resident,
  SIGN,
  WITHDRAW_SIGNATURE,
} from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
type Data = Record<string, any>;

describe("bad input changes nothing", () => {
  let platform: SignedInPlatform;
  let direct: DirectPetitions;
  let token = "";
  let secret = "";
  let open = "";

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    direct = await directPetitions(platform);
    token = await platform.token("resident");
    secret = platform.config.PSEUDONYM_SECRET;
    open = await preparePetition(direct, secret, { input: { title: "Une pétition ouverte aux signatures" } });
  });
  afterAll(async () => {
    await direct?.server.apollo.stop();
    await platform?.close();
  });

  async function snapshot() {
    const [row] = await platform.db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM petitions.petition) AS petitions,
              (SELECT count(*)::int FROM petitions.signature) AS signatures,
              (SELECT coalesce(sum(signature_count), 0)::int FROM petitions.petition) AS counted,
              (SELECT count(*)::int FROM petitions.ledger_entry) AS entries,
              (SELECT count(*)::int FROM petitions.idempotency_key) AS keys,
              (SELECT count(*)::int FROM petitions.outbox_event) AS events`,
    );
    return row;
  }

  async function unchanged(run: () => Promise<unknown>) {
    const before = await snapshot();
    await run();
    expect(await snapshot()).toEqual(before);
  }

  const create = (input: Record<string, unknown>) =>
    platform.graphql<Data>(CREATE, { input: petitionInput(input) }, { token });

  it.each([
    ["an empty title", { title: "   " }, "title", "EMPTY"],
    ["a title of invisible characters", { title: "\u202E\u0007\u200E" }, "title", "TOO_SHORT"],
    ["a too short title", { title: "Vélo" }, "title", "TOO_SHORT"],
    ["an oversized title", { title: "T".repeat(151) }, "title", "TOO_LONG"],
    ["an empty body", { body: "" }, "body", "EMPTY"],
    ["an oversized body", { body: "Lorem ipsum. ".repeat(1_000) }, "body", "TOO_LONG"],
  ])("refuses %s with InvalidPetitionText", async (_label, input, field, reason) => {
    await unchanged(async () => {
      const { body } = await create(input);
      expect(body.errors).toBeUndefined();
      expect(body.data?.createPetition).toMatchObject({ __typename: "InvalidPetitionText", field, reason });
      expect(body.data?.createPetition.message).toMatch(/\S/);
    });
  });

  it("stores markup as plain text and escapes it on output", async () => {
    const title = `<img src=x onerror="alert(1)"> Piétons d'abord`;
    const { body } = await create({ title });
    const petition = body.data?.createPetition.petition;
    expect(petition.title).toBe(title);
    expect(petition.titleHtml).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Piétons d&#39;abord");
  });

  it("refuses malformed identifiers, keys, pages, cursors and dates with BAD_USER_INPUT", async () => {
    const submitted = await preparePetition(direct, secret, { state: "submitted" });
    await unchanged(async () => {
      for (const [query, variables] of [
        [SIGN, { petitionId: "not-a-uuid", key: key("k") }],
        [SIGN, { petitionId: open, key: "short" }],
        [SIGN, { petitionId: open, key: "spaces are not allowed in keys" }],
        [`{ petitions(first: 101) { totalCount } }`, {}],
        [`{ petitions(after: "forged") { totalCount } }`, {}],
        [
          `{ petitions(sort: MOST_SIGNED, after: "eyJ2IjoieCIsImlkIjoiMDE5MDAwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAwIn0") { totalCount } }`,
          {},
        ],
        [`query($s: String) { petitions(search: $s) { totalCount } }`, { s: "x".repeat(201) }],
        [`query($id: ID) { petitions(filter: { quartierId: $id }) { totalCount } }`, { id: "neudorf" }],
      ] as const) {
        const { body } = await platform.graphql<Data>(query, variables, { token });
        expect(body.errors?.[0]?.extensions?.code, `${query} ${JSON.stringify(variables)}`).toBe(
          "BAD_USER_INPUT",
        );
      }
      const far = new Date(Date.now() + 61 * 86_400_000).toISOString();
      const scheduled = await direct.call(moderatorCaller(secret), PUBLISH, {
        id: submitted,
        signingStartsAt: far,
      });
      expect(scheduled.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  it("answers PetitionNotFound for an unknown petition, and for someone else's draft", async () => {
    const draft = await preparePetition(direct, secret, { state: "draft", author: resident(50, secret) });
    await unchanged(async () => {
      const unknown = await platform.graphql<Data>(
        SIGN,
        { petitionId: "01900000-0000-7000-8000-000000000000", key: key("u") },
        { token },
      );
      expect(unknown.body.data?.signPetition.__typename).toBe("PetitionNotFound");
      const hidden = await platform.graphql<Data>(SIGN, { petitionId: draft, key: key("d") }, { token });
      expect(hidden.body.data?.signPetition.__typename).toBe("PetitionNotFound");
    });
  });

  it("answers PetitionNotOpen to an author signing their own draft, or to anyone signing a submitted one", async () => {
    const author = resident(51, secret);
    const draft = await preparePetition(direct, secret, { state: "draft", author });
    const submitted = await preparePetition(direct, secret, { state: "submitted" });
    await unchanged(async () => {
      const own = await direct.call(author, SIGN, { petitionId: draft, key: "own-draft-key" });
      expect(own.data?.signPetition).toMatchObject({ __typename: "PetitionNotOpen", currentState: "DRAFT" });
      const staff = await direct.call(moderatorCaller(secret), SIGN, {
        petitionId: submitted,
        key: "submitted-key",
      });
      expect(staff.data?.signPetition).toMatchObject({
        __typename: "PetitionNotOpen",
        currentState: "SUBMITTED",
      });
    });
  });

  it("answers PetitionNotOpen for a closed petition, and for one whose period has not begun", async () => {
    const closing = await preparePetition(direct, secret);
    await platform.db.query(
      `UPDATE petitions.petition SET signing_starts_at = now() - interval '100 days', signing_ends_at = now() - interval '1 day' WHERE id = $1`,
      [closing],
    );
    const closed = await direct.call(SYSTEM, `mutation { _closeExpiredPetitions }`);
    expect(closed.data?._closeExpiredPetitions).toBeGreaterThanOrEqual(1);
    const submitted = await preparePetition(direct, secret, { state: "submitted" });
    const later = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const scheduled = await direct.call(moderatorCaller(secret), PUBLISH, {
      id: submitted,
      signingStartsAt: later,
    });
    expect(scheduled.data?.publishPetition.petition).toMatchObject({
      state: "PUBLISHED",
      displayedStatus: "SOON_ARRIVED",
    });
    await unchanged(async () => {
      const onClosed = await platform.graphql<Data>(SIGN, { petitionId: closing, key: key("c") }, { token });
      expect(onClosed.body.data?.signPetition).toMatchObject({
        __typename: "PetitionNotOpen",
        currentState: "CLOSED",
      });
      const early = await platform.graphql<Data>(SIGN, { petitionId: submitted, key: key("e") }, { token });
      expect(early.body.data?.signPetition).toMatchObject({
        __typename: "PetitionNotOpen",
        currentState: "PUBLISHED",
      });
      expect(early.body.data?.signPetition.message).toMatch(/pas commencé/);
      const withdraw = await platform.graphql<Data>(WITHDRAW_SIGNATURE, { petitionId: closing }, { token });
      expect(withdraw.body.data?.withdrawSignature.__typename).toBe("SignatureNotFound");
    });
  });

  it("refuses an idempotency key reused with another petition, and an oversized public name", async () => {
    const other = await preparePetition(direct, secret, { input: { title: "Une autre pétition ouverte" } });
    const idempotencyKey = key("reuse");
    const first = await platform.graphql<Data>(SIGN, { petitionId: open, key: idempotencyKey }, { token });
    expect(first.body.data?.signPetition.__typename).toBe("PetitionSigned");
    await unchanged(async () => {
      const reused = await platform.graphql<Data>(
        SIGN,
        { petitionId: other, key: idempotencyKey },
        { token },
      );
      expect(reused.body.data?.signPetition.__typename).toBe("PetitionIdempotencyKeyReused");
      const named = await platform.graphql<Data>(
        SIGN,
        { petitionId: other, key: key("n"), publicName: "N".repeat(61) },
        { token },
      );
      expect(named.body.data?.signPetition).toMatchObject({
        __typename: "InvalidPetitionText",
        field: "publicName",
        reason: "TOO_LONG",
      });
    });
  });

  it("answers UPSTREAM_UNAVAILABLE when the directory cannot confirm a quartier, changing nothing", async () => {
    // The direct server's internal client reaches no directory: the quartier cannot be checked.
    await unchanged(async () => {
      const answer = await direct.call(resident(60, secret), CREATE, {
        input: petitionInput({ quartierId: "01900000-0000-7000-8000-000000000001" }),
      });
      expect(answer.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
      expect(answer.errors?.[0]?.path).toEqual(["createPetition"]);
    });
  });

  it("refuses a rejection without a reason, changing nothing", async () => {
    const submitted = await preparePetition(direct, secret, { state: "submitted" });
    await unchanged(async () => {
      const rejected = await direct.call(moderatorCaller(secret), REJECT, { id: submitted, reason: " \n " });
      expect(rejected.data?.rejectPetition).toMatchObject({
        __typename: "InvalidPetitionText",
        field: "reason",
        reason: "EMPTY",
      });
    });
  });
});
