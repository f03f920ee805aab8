// Signatures under concurrency, on PGlite and PostgreSQL: many distinct residents signing at once end with an
// exact count (equal to the rows and to the ledger's signed total), the same person twice in parallel is counted
// once, and a key reused in parallel for two petitions changes only one of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { readEntries, readHead } from "../../platform/ledger/index.ts";
import {
  CREATE,
  type DirectPetitions,
  directPetitions,
  key,
  PUBLISH,
  petitionInput,
  resident,
  SIGN,
  SUBMIT,
  WITHDRAW_SIGNATURE,
} from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
type Data = Record<string, any>;

describe("signing in parallel", () => {
  let platform: SignedInPlatform;
  let direct: DirectPetitions;
  let residentToken = "";
  let moderatorToken = "";

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    direct = await directPetitions(platform);
    residentToken = await platform.token("resident");
    moderatorToken = await platform.token("moderator");
  });
  afterAll(async () => {
    await direct?.server.apollo.stop();
    await platform?.close();
  });

  async function openPetition(title: string): Promise<string> {
    const created = await platform.graphql<Data>(
      CREATE,
      { input: petitionInput({ title }) },
      { token: residentToken },
    );
    const id = created.body.data?.createPetition.petition.id as string;
    await platform.graphql(SUBMIT, { id }, { token: residentToken });
    const published = await platform.graphql<Data>(PUBLISH, { id }, { token: moderatorToken });
    expect(published.body.data?.publishPetition.__typename).toBe("PetitionPublished");
    return id;
  }

  async function counts(petitionId: string) {
    const [row] = await platform.db.query<{ total: number; online: number; rows: number }>(
      `SELECT p.signature_count AS total, p.online_count AS online,
              (SELECT count(*)::int FROM petitions.signature s WHERE s.petition_id = p.id AND s.withdrawn_at IS NULL) AS rows
       FROM petitions.petition p WHERE p.id = $1`,
      [petitionId],
    );
    const head = await readHead(platform.db.prisma, "petitions", `petition:${petitionId}`);
    return { ...row, ledgerTotal: head.total, ledgerSize: head.size };
  }

  it("many distinct residents signing at once are all counted, exactly once each", async () => {
    const petitionId = await openPetition("Plus d'arbres dans les cours d'école de Neudorf");
    const signers = Array.from({ length: 150 }, (_, i) =>
      resident(20_000 + i, platform.config.PSEUDONYM_SECRET),
    );
    const results = await Promise.all(
      signers.map((caller, i) => direct.call(caller, SIGN, { petitionId, key: `parallel-${i}` })),
    );
    expect(results.map((result) => result.data?.signPetition?.__typename)).toEqual(
      signers.map(() => "PetitionSigned"),
    );
    expect(await counts(petitionId)).toEqual({
      total: 150,
      online: 150,
      rows: 150,
      ledgerTotal: 150,
      ledgerSize: 150,
    });
    // Every ledger position was given once, with no gap.
    const indexes = results.map((result) => result.data?.signPetition.signature.ledgerIndex as number);
    expect([...indexes].sort((a, b) => a - b)).toEqual(signers.map((_, i) => i));
  });

  it("the same person twice in parallel through the gateway: one PetitionSigned, one AlreadySigned", async () => {
    const petitionId = await openPetition("Un marché couvert place du Marché-Gayot");
    const results = await Promise.all(
      [key("twice-a"), key("twice-b")].map((idempotencyKey) =>
        platform.graphql<Data>(SIGN, { petitionId, key: idempotencyKey }, { token: residentToken }),
      ),
    );
    const outcomes = results.map((result) => result.body.data?.signPetition.__typename).sort();
    expect(outcomes).toEqual(["AlreadySigned", "PetitionSigned"]);
    expect(await counts(petitionId)).toMatchObject({ total: 1, rows: 1, ledgerTotal: 1, ledgerSize: 1 });
  });

  it("the same key twice in parallel gives the same signature twice, counted once", async () => {
    const petitionId = await openPetition("Des bancs le long des quais de l'Ill");
    const caller = resident(30_000, platform.config.PSEUDONYM_SECRET);
    const results = await Promise.all(
      [1, 2, 3].map(() => direct.call(caller, SIGN, { petitionId, key: "same-key-123" })),
    );
    const ids = results.map((result) => result.data?.signPetition?.signature?.id);
    expect(results.map((result) => result.data?.signPetition?.__typename)).toEqual([
      "PetitionSigned",
      "PetitionSigned",
      "PetitionSigned",
    ]);
    expect(new Set(ids).size).toBe(1);
    expect(await counts(petitionId)).toMatchObject({ total: 1, rows: 1, ledgerSize: 1 });
  });

  it("one key used in parallel for two petitions changes only one of them", async () => {
    const first = await openPetition("Éclairage du parc de la Citadelle");
    const second = await openPetition("Fontaines d'eau potable à l'Esplanade");
    const caller = resident(30_001, platform.config.PSEUDONYM_SECRET);
    const results = await Promise.all(
      [first, second].map((petitionId) =>
        direct.call(caller, SIGN, { petitionId, key: "one-key-two-petitions" }),
      ),
    );
    expect(results.map((result) => result.data?.signPetition?.__typename).sort()).toEqual([
      "PetitionIdempotencyKeyReused",
      "PetitionSigned",
    ]);
    const totals = [(await counts(first)).total, (await counts(second)).total].sort();
    expect(totals).toEqual([0, 1]);
    const sizes = [(await counts(first)).ledgerSize, (await counts(second)).ledgerSize].sort();
    expect(sizes).toEqual([0, 1]);
  });

  it("signatures and withdrawals interleaved keep count, rows and ledger in agreement", async () => {
    const petitionId = await openPetition("Une piscine ouverte le dimanche à Hautepierre");
    const signers = Array.from({ length: 60 }, (_, i) =>
      resident(40_000 + i, platform.config.PSEUDONYM_SECRET),
    );
    await Promise.all(signers.map((caller, i) => direct.call(caller, SIGN, { petitionId, key: `mix-${i}` })));
    const operations = signers.flatMap((caller, i) =>
      i % 3 === 0
        ? [direct.call(caller, WITHDRAW_SIGNATURE, { petitionId })]
        : i % 3 === 1
          ? [
              direct.call(caller, WITHDRAW_SIGNATURE, { petitionId }),
              direct.call(caller, SIGN, { petitionId, key: `mix-again-${i}` }),
            ]
          : [direct.call(caller, SIGN, { petitionId, key: `mix-again-${i}` })],
    );
    const results = await Promise.all(operations);
    for (const result of results) expect(result.errors).toBeUndefined();
    const state = await counts(petitionId);
    expect(state.total).toBe(state.rows);
    expect(state.ledgerTotal).toBe(state.total);
    // 20 withdrew for good; the others are signed (re-signed, or already signed and told so).
    expect(state.total).toBeGreaterThanOrEqual(40 - 20);
    expect(state.total).toBeLessThanOrEqual(40);
    // The ledger's entries add up, and no token holds two signatures at once.
    const entries = await readEntries(
      platform.db.prisma,
      "petitions",
      `petition:${petitionId}`,
      0,
      state.ledgerSize,
    );
    const held = new Map<string, number>();
    let sum = 0;
    for (const { entry } of entries) {
      const parsed = JSON.parse(entry) as { token: string; delta: number };
      sum += parsed.delta;
      held.set(parsed.token, (held.get(parsed.token) ?? 0) + parsed.delta);
      expect([0, 1]).toContain(held.get(parsed.token));
    }
    expect(sum).toBe(state.total);
  });
});
