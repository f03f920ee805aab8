// The synchronisation with Strasbourg.eu: provenance, incremental runs, deletion detection (with its guard), and —
// with the Strasbourg.eu simulator down — a directory that keeps answering from its last sync and says how old it is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DirectoryPlatform, errorsOf, startDirectoryPlatform } from "./support.ts";

const PLACES = /* GraphQL */ `
  query Places($search: String) {
    places(filter: { search: $search }, first: 100) {
      totalCount
      freshness { source lastSuccessAt ageSeconds lastAttemptFailed stale }
      edges { node { id name removedFromSource provenance { source sourceId fetchedAt } quartier { slug } } }
    }
  }
`;

const EVENTS = /* GraphQL */ `
  query Events {
    events(first: 50) {
      totalCount
      freshness { source lastSuccessAt lastAttemptFailed stale }
      edges { node { id title startDate place { name } provenance { source sourceId } } }
    }
  }
`;

describe("synchronisation with Strasbourg.eu", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
  });
  afterAll(() => platform?.close());

  it("copies places and the agenda with their provenance, then only what changed", async () => {
    const first = await platform.sync();
    expect(first["strasbourg-eu:places"]).toMatchObject({
      status: "SUCCEEDED",
      fetched: 32,
      created: 32,
      malformed: 0,
    });
    expect(first["strasbourg-eu:events"]).toMatchObject({ status: "SUCCEEDED", fetched: 15, created: 15 });
    expect(first["strasbourg-eu:categories"]).toMatchObject({ status: "SUCCEEDED", created: 24 });

    const { body } = await platform.as(undefined, PLACES, { search: "Malraux" });
    const malraux = body.data?.places.edges[0].node;
    expect(malraux).toMatchObject({
      name: "Médiathèque André Malraux",
      removedFromSource: false,
      provenance: { source: "strasbourg-eu", sourceId: "101", fetchedAt: expect.any(String) },
    });
    const events = (await platform.as(undefined, EVENTS)).body.data?.events;
    const meeting = events.edges.find(
      (edge: { node: { provenance: { sourceId: string } } }) => edge.node.provenance.sourceId === "9001",
    );
    expect(meeting?.node.place).toEqual({ name: "Mairie de quartier Neudorf – Port du Rhin" });

    const second = await platform.sync();
    expect(second["strasbourg-eu:places"]).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 32,
      deleted: 0,
    });
    platform.strasbourgEu.updateRecord("places", "101", { phone: "03 88 45 10 11" });
    const third = await platform.sync();
    expect(third["strasbourg-eu:places"]).toMatchObject({ updated: 1, unchanged: 31 });
  });

  it("marks records that disappeared upstream, keeps them reachable, and lists them no more", async () => {
    const before = (await platform.as(undefined, PLACES, { search: "Patinoire" })).body.data?.places.edges[0]
      .node;
    expect(platform.strasbourgEu.removeRecord("places", "205")).toBe(true);
    const run = await platform.sync();
    expect(run["strasbourg-eu:places"]).toMatchObject({ status: "SUCCEEDED", deleted: 1 });
    const listed = (await platform.as(undefined, PLACES, { search: "Patinoire" })).body.data?.places;
    expect(listed.totalCount).toBe(0);
    const kept = await platform.as(
      undefined,
      `query($id: ID!) { place(id: $id) { name removedFromSource } }`,
      { id: before.id },
    );
    expect(kept.body.data?.place).toEqual({ name: "Patinoire Iceberg", removedFromSource: true });
    platform.strasbourgEu.reset();
    const back = await platform.sync();
    expect(back["strasbourg-eu:places"]).toMatchObject({ updated: 2 }); // the patinoire, and the Malraux phone back
    expect((await platform.as(undefined, PLACES, { search: "Patinoire" })).body.data?.places.totalCount).toBe(
      1,
    );
  });

  it("does not delete on a listing that lost most of its records", async () => {
    for (const id of [
      "101",
      "102",
      "103",
      "104",
      "105",
      "106",
      "107",
      "201",
      "202",
      "203",
      "204",
      "205",
      "301",
      "302",
      "303",
      "304",
      "305",
      "306",
      "307",
      "308",
    ]) {
      platform.strasbourgEu.removeRecord("places", id);
    }
    const run = await platform.sync();
    expect(run["strasbourg-eu:places"]).toMatchObject({ status: "PARTIAL", deleted: 0 });
    const runs = await platform.as(
      "agent",
      `{ directorySyncRuns(source: "strasbourg-eu:places", limit: 1) { status error } }`,
    );
    expect(runs.body.data?.directorySyncRuns[0]).toEqual({
      status: "PARTIAL",
      error: expect.stringMatching(/suppressions suspendues/),
    });
    expect((await platform.as(undefined, PLACES, {})).body.data?.places.totalCount).toBeGreaterThanOrEqual(
      32,
    );
    platform.strasbourgEu.reset();
  });
});

describe("with the Strasbourg.eu simulator down", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
    await platform.sync();
  });
  afterAll(() => platform?.close());

  it("keeps answering from the last sync and says how old the data is", async () => {
    const fresh = (await platform.as(undefined, PLACES, {})).body.data?.places;
    expect(fresh.freshness).toMatchObject({
      source: "strasbourg-eu:places",
      lastAttemptFailed: false,
      stale: false,
    });
    const lastSuccessAt = fresh.freshness.lastSuccessAt;

    platform.strasbourgEu.setFaults({ down: true, downMode: "reset" });
    const run = await platform.sync();
    expect(run["strasbourg-eu:places"]).toMatchObject({ status: "FAILED", fetched: 0 });
    expect(run["strasbourg-eu:events"]).toMatchObject({ status: "FAILED" });
    // The open-data portal is another system: its runs are unaffected.
    expect(run["opendata:quartiers_elus_2020"]).toMatchObject({ status: "SUCCEEDED" });

    const { status, body } = await platform.as(undefined, PLACES, {});
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.places.totalCount).toBe(fresh.totalCount);
    expect(body.data?.places.freshness).toMatchObject({
      lastSuccessAt,
      lastAttemptFailed: true,
      stale: false,
    });
    expect(body.data?.places.freshness.ageSeconds).toBeGreaterThanOrEqual(0);
    const events = (await platform.as(undefined, EVENTS)).body.data?.events;
    expect(events.totalCount).toBe(15);
    expect(events.freshness).toMatchObject({ lastAttemptFailed: true });

    const staff = await platform.as(
      "agent",
      `{ directorySyncRuns(source: "strasbourg-eu:places", limit: 2) { status error } }`,
    );
    expect(staff.body.data?.directorySyncRuns[0]).toEqual({
      status: "FAILED",
      error: expect.stringMatching(/^source indisponible \(strasbourg-eu/),
    });
    expect(staff.body.data?.directorySyncRuns[1].status).toBe("SUCCEEDED");
    platform.strasbourgEu.setFaults({ down: false });
  });

  it("keeps the synchronisation details for staff", async () => {
    const resident = await platform.as("resident", `{ directorySyncRuns { status } }`);
    expect(errorsOf(resident.body)).toEqual([{ code: "FORBIDDEN", path: "directorySyncRuns" }]);
    const anonymous = await platform.as(undefined, `{ directoryFreshness { source stale } }`);
    expect(anonymous.body.data?.directoryFreshness.map((entry: { source: string }) => entry.source)).toEqual([
      "opendata:quartiers_elus_2020",
      "opendata:communes_eurometropole",
      "strasbourg-eu:categories",
      "strasbourg-eu:places",
      "strasbourg-eu:events",
    ]);
    const mutation = await platform.as("admin", `mutation { _syncDirectory { runs { status } } }`);
    expect(mutation.status).toBe(400);
    expect(errorsOf(mutation.body)[0]?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
