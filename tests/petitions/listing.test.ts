// Listing petitions through the gateway: visibility, filters (state, displayed status, theme, author, quartier),
// French full-text search (stemming, accents ignored), the three sorts and keyset pages. The displayed-status
// filter runs in SQL; it must agree with the status each petition displays.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import {
  CREATE,
  type DirectPetitions,
  directPetitions,
  petitionInput,
  preparePetition,
  resident,
  SIGN,
} from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
type Data = Record<string, any>;

/** A body long enough for the rules, on one subject only (so that searches find exactly one petition). */
const BODY = (text: string) => `${text} Nous demandons à la Ville d'agir cette année.`;

const LIST = /* GraphQL */ `
  query List($filter: PetitionFilter, $search: String, $sort: PetitionSort, $first: Int, $after: String) {
    petitions(filter: $filter, search: $search, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id title state displayedStatus signatureCount signingEndsAt theme author { id } } }
    }
  }
`;

describe("listing petitions", () => {
  let platform: SignedInPlatform;
  let direct: DirectPetitions;
  let secret = "";
  const petitions: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    direct = await directPetitions(platform);
    secret = platform.config.PSEUDONYM_SECRET;
    const specs: [string, Record<string, unknown>, "draft" | "submitted" | "published", number][] = [
      [
        "velo",
        {
          title: "Des vélos en libre-service à Cronenbourg",
          theme: "MOBILITY",
          body: BODY("Des stations de vélos partagés près du tram, ouvertes jour et nuit."),
        },
        "published",
        4,
      ],
      [
        "arbres",
        {
          title: "Planter des arbres rue de Lunéville",
          theme: "ENVIRONMENT",
          body: BODY("De l'ombre en été et moins de chaleur dans la rue."),
        },
        "published",
        2,
      ],
      [
        "piscine",
        {
          title: "Rouvrir la piscine de la Kibitzenau",
          theme: "SPORT",
          body: `${"Le bassin est fermé depuis deux ans et les écoles du quartier n'ont plus de lieu pour apprendre à nager. ".repeat(2)}`,
        },
        "published",
        6,
      ],
      [
        "ecoles",
        {
          title: "Des rues aux écoles sans voitures",
          theme: "MOBILITY",
          body: BODY("Fermer la rue à la circulation aux heures d'entrée et de sortie."),
        },
        "published",
        0,
      ],
      [
        "brouillon",
        { title: "Un brouillon de pétition sur les vélos", body: BODY("Encore à écrire.") },
        "draft",
        0,
      ],
      [
        "depose",
        { title: "Une pétition déposée sur les vélos cargo", body: BODY("Des places pour les vélos cargo.") },
        "submitted",
        0,
      ],
    ];
    let n = 0;
    for (const [name, input, state, signatures] of specs) {
      petitions[name] = await preparePetition(direct, secret, {
        author: resident(name === "arbres" ? 2 : 1, secret),
        input,
        state,
      });
      for (let i = 0; i < signatures; i++) {
        await direct.call(resident(1_000 + n++, secret), SIGN, {
          petitionId: petitions[name],
          key: `listing-${n}-key`,
        });
      }
    }
    // Dates that give each displayed status (the signing period is moved in the database).
    const shift = (name: string, starts: string, ends: string) =>
      platform.db.query(
        `UPDATE petitions.petition SET signing_starts_at = now() + $2::interval, signing_ends_at = now() + $3::interval WHERE id = $1`,
        [petitions[name], starts, ends],
      );
    await shift("velo", "-1 day", "89 days"); // new
    await shift("arbres", "-30 days", "60 days"); // in progress
    await shift("piscine", "-85 days", "5 days"); // soon finished
    await shift("ecoles", "-100 days", "-10 days"); // failed (over, below the quota)
  });
  afterAll(async () => {
    await direct?.server.apollo.stop();
    await platform?.close();
  });

  const list = async (variables: Record<string, unknown>, token?: string) => {
    const { body } = await platform.graphql<Data>(LIST, variables, token ? { token } : {});
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data?.petitions as {
      totalCount: number;
      pageInfo: Data;
      edges: { cursor: string; node: Data }[];
    };
  };
  const titles = (page: { edges: { node: Data }[] }) => page.edges.map((edge) => edge.node.title);
  const idsOf = (page: { edges: { node: Data }[] }) => page.edges.map((edge) => edge.node.id).sort();

  it("shows the public petitions to anyone, and one's own drafts to their author", async () => {
    const publicList = await list({});
    expect(publicList.totalCount).toBe(4);
    expect(idsOf(publicList)).toEqual(
      [petitions.velo, petitions.arbres, petitions.piscine, petitions.ecoles].sort(),
    );
    const own = await direct.call(resident(1, secret), LIST, {
      filter: { authorId: resident(1, secret).accountId },
    });
    expect(own.data?.petitions.totalCount).toBe(5);
    expect(own.data?.petitions.edges.map((edge: Data) => edge.node.state)).toContain("DRAFT");
  });

  it("searches in French: stems, ignores accents and case, looks in the body too", async () => {
    expect(titles(await list({ search: "velos" }))).toEqual(["Des vélos en libre-service à Cronenbourg"]);
    expect(titles(await list({ search: "VÉLOS" }))).toEqual(["Des vélos en libre-service à Cronenbourg"]);
    expect(titles(await list({ search: "piscines" }))).toEqual(["Rouvrir la piscine de la Kibitzenau"]);
    expect(titles(await list({ search: "luneville" }))).toEqual(["Planter des arbres rue de Lunéville"]);
    expect(titles(await list({ search: "ARBRE" }))).toEqual(["Planter des arbres rue de Lunéville"]);
    expect(titles(await list({ search: "nager bassin" }))).toEqual(["Rouvrir la piscine de la Kibitzenau"]);
    expect(titles(await list({ search: "ecole" })).sort()).toEqual([
      "Des rues aux écoles sans voitures",
      "Rouvrir la piscine de la Kibitzenau",
    ]);
    expect(titles(await list({ search: "ecole -piscine" }))).toEqual(["Des rues aux écoles sans voitures"]);
    expect((await list({ search: "téléphérique" })).totalCount).toBe(0);
    // Search never reveals what the caller cannot see.
    expect(titles(await list({ search: "cargo" }))).toEqual([]);
  });

  it("filters by state, theme and author", async () => {
    expect(idsOf(await list({ filter: { theme: "MOBILITY" } }))).toEqual(
      [petitions.velo, petitions.ecoles].sort(),
    );
    expect(idsOf(await list({ filter: { authorId: resident(2, secret).accountId } }))).toEqual([
      petitions.arbres,
    ]);
    expect((await list({ filter: { states: ["DRAFT", "SUBMITTED"] } })).totalCount).toBe(0);
    const staff = await platform.token("moderator");
    expect((await list({ filter: { states: ["DRAFT", "SUBMITTED"] } }, staff)).totalCount).toBe(2);
  });

  it("filters by displayed status in SQL exactly as each petition displays it", async () => {
    const all = await list({ first: 20 });
    const expected = new Map<string, string[]>();
    for (const { node } of all.edges)
      expected.set(node.displayedStatus, [...(expected.get(node.displayedStatus) ?? []), node.id]);
    expect([...expected.keys()].sort()).toEqual(["FAILED", "IN_PROGRESS", "NEW", "SOON_FINISHED"]);
    for (const status of ["SOON_ARRIVED", "NEW", "IN_PROGRESS", "SOON_FINISHED", "COMPLETED", "FAILED"]) {
      const page = await list({ filter: { displayedStatuses: [status] } });
      expect(idsOf(page), status).toEqual((expected.get(status) ?? []).sort());
    }
    const two = await list({ filter: { displayedStatuses: ["NEW", "FAILED"] } });
    expect(idsOf(two)).toEqual([petitions.velo, petitions.ecoles].sort());
  });

  it("refers to a quartier of the directory, which resolves it; an unknown quartier is refused", async () => {
    const token = await platform.token("resident");
    const quartiers = await platform.graphql<Data>("{ quartiers(first: 2) { edges { node { id name } } } }");
    expect(quartiers.body.errors).toBeUndefined();
    const quartier = quartiers.body.data?.quartiers.edges[0].node;
    const created = await platform.graphql<Data>(
      CREATE,
      { input: petitionInput({ title: "Un jardin partagé dans le quartier", quartierId: quartier.id }) },
      { token },
    );
    const id = created.body.data?.createPetition.petition.id;
    expect(created.body.data?.createPetition.petition.quartier).toEqual({ id: quartier.id });
    // The directory subgraph resolves the entity reference through the gateway.
    const named = await platform.graphql<Data>(
      `query($id: ID!) { petition(id: $id) { quartier { id name } } }`,
      { id },
      { token },
    );
    expect(named.body.data?.petition.quartier).toEqual(quartier);
    const unknown = await platform.graphql<Data>(
      CREATE,
      { input: petitionInput({ quartierId: "01900000-0000-7000-8000-000000000000" }) },
      { token },
    );
    expect(unknown.body.data?.createPetition).toMatchObject({
      __typename: "PetitionUnknownQuartier",
      quartierId: "01900000-0000-7000-8000-000000000000",
    });
    const own = await platform.graphql<Data>(
      LIST,
      { filter: { quartierId: quartier.id, states: ["DRAFT"] } },
      { token },
    );
    expect(own.body.data?.petitions.edges.map((edge: Data) => edge.node.id)).toEqual([id]);
  });

  it("sorts by signatures and by end date, and pages with opaque cursors without repeats", async () => {
    const bySignatures = await list({ sort: "MOST_SIGNED" });
    expect(bySignatures.edges.map((edge) => edge.node.signatureCount)).toEqual([6, 4, 2, 0]);
    const ending = await list({ sort: "ENDING_SOONEST" });
    expect(ending.edges.map((edge) => edge.node.id)).toEqual([
      petitions.ecoles,
      petitions.piscine,
      petitions.arbres,
      petitions.velo,
    ]);
    for (const sort of ["NEWEST", "MOST_SIGNED", "ENDING_SOONEST"]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page = await list({ sort, first: 1, after });
        expect(page.totalCount).toBe(4);
        seen.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen, sort).toEqual((await list({ sort })).edges.map((edge) => edge.node.id));
    }
  });
});
