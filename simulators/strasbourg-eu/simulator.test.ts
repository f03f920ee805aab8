// The Strasbourg.eu simulator serves the documented paths and formats, protects the agenda with HTTP Basic, and
// injects faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CREDENTIALS, type StrasbourgEuSimulator, startStrasbourgEuSimulator } from "./index.ts";

const basic = `Basic ${Buffer.from(`${DEFAULT_CREDENTIALS.username}:${DEFAULT_CREDENTIALS.password}`).toString("base64")}`;

describe("Strasbourg.eu simulator", () => {
  let sim: StrasbourgEuSimulator;
  beforeAll(async () => {
    sim = await startStrasbourgEuSimulator({ today: new Date("2026-11-28T00:00:00Z") });
  });
  afterAll(() => sim?.close());

  const get = (path: string, auth = true) =>
    fetch(`${sim.url}/api/jsonws/${path}`, { headers: auth ? { authorization: basic } : {} });

  it("serves places publicly, with the documented fields", async () => {
    const response = await get("place.place/get-places", false);
    expect(response.status).toBe(200);
    const places = (await response.json()) as Record<string, unknown>[];
    expect(places.length).toBeGreaterThan(25);
    expect(places[0]).toMatchObject({
      id: expect.any(String),
      idSurfs: expect.any(String),
      name: { fr_FR: expect.any(String) },
      mercatorX: expect.any(String),
      RGF93X: expect.any(String),
      periods: expect.any(Array),
    });
    const bySig = (await (await get("place.place/get-place-by-id-sig/sig-id/885_CUL_36", false)).json()) as {
      id: string;
    };
    expect(bySig.id).toBe("101");
    const byName = (await (
      await get("place.place/get-places-by-name-and-language/name/piscine/language/fr_FR", false)
    ).json()) as unknown[];
    expect(byName).toHaveLength(4);
    const byType = (await (
      await get("place.place/get-places-by-type/type-id/Cat_06_05", false)
    ).json()) as unknown[];
    expect(byType).toHaveLength(4);
    const missing = await get("place.place/get-place-by-id/id/999999", false);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ exception: expect.stringContaining("999999") });
  });

  it("asks HTTP Basic for the agenda", async () => {
    const refused = await get("agenda.event/get-events", false);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Basic/);
    const wrong = await fetch(`${sim.url}/api/jsonws/agenda.event/get-events`, {
      headers: { authorization: `Basic ${Buffer.from("parvis:wrong").toString("base64")}` },
    });
    expect(wrong.status).toBe(401);
    const events = (await (await get("agenda.event/get-events")).json()) as Record<string, unknown>[];
    expect(events.length).toBeGreaterThan(10);
    expect(events[0]).not.toHaveProperty("_placeSig");
  });

  it("filters the agenda by date, place, category and language", async () => {
    const onDay = (await (await get("agenda.event/get-events-by-date/date/04122026")).json()) as {
      id: string;
    }[];
    expect(onDay.map((event) => event.id)).toContain("9001");
    const atPlace = (await (
      await get("agenda.event/get-events-by-place/place-sig-id/885_CUL_36")
    ).json()) as { id: string }[];
    expect(atPlace.map((event) => event.id)).toEqual(["9002"]);
    const inCategory = (await (
      await get("agenda.event/get-events-by-category/category-id/126201")
    ).json()) as unknown[];
    expect(inCategory.length).toBeGreaterThanOrEqual(3);
    const german = (await (
      await get("agenda.event/get-events-by-language/language/de_DE")
    ).json()) as unknown[];
    expect(german).toEqual([]);
    const territories = (await (await get("agenda.event/get-territories")).json()) as { level?: number }[];
    expect(territories.some((territory) => territory.level === 2)).toBe(true);
  });

  it("injects faults and lets tests edit the listings", async () => {
    sim.setFaults({ down: true });
    expect((await get("place.place/get-places", false)).status).toBe(503);
    sim.setFaults({ down: false, errorRate: 1 });
    expect((await get("place.place/get-places", false)).status).toBe(503);
    sim.setFaults({ errorRate: 0 });
    const before = ((await (await get("place.place/get-places", false)).json()) as unknown[]).length;
    sim.addRecord("places", { id: "broken" });
    expect(sim.removeRecord("places", "101")).toBe(true);
    const after = (await (await get("place.place/get-places", false)).json()) as { id: string }[];
    expect(after).toHaveLength(before);
    expect(after.map((place) => place.id)).toContain("broken");
    sim.reset();
    expect(((await (await get("place.place/get-places", false)).json()) as unknown[]).length).toBe(before);
  });
});
