// The Base Adresse Nationale simulator speaks the search API: GeoJSON with scores, filters, errors and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatedAddresses } from "./addresses.ts";
import { type BanSimulator, startBanSimulator } from "./index.ts";

describe("BAN search simulator", () => {
  let ban: BanSimulator;
  beforeAll(async () => {
    ban = await startBanSimulator();
  });
  afterAll(() => ban?.close());
  const search = (query: string) => fetch(`${ban.url}/search/?${query}`);

  it("holds a few hundred addresses, most of them in Strasbourg", () => {
    const addresses = simulatedAddresses();
    expect(addresses.length).toBeGreaterThan(300);
    expect(addresses.filter((address) => address.citycode === "67482").length).toBeGreaterThan(250);
    expect(new Set(addresses.map((address) => address.id)).size).toBe(addresses.length);
  });

  it("answers a FeatureCollection, best score first, filtered by citycode", async () => {
    const answer = (await (await search("q=4+rue+de+l%27%C3%89glise&limit=3")).json()) as {
      type: string;
      features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    expect(answer.type).toBe("FeatureCollection");
    expect(answer.features).toHaveLength(3);
    expect(answer.features[0]?.properties).toMatchObject({
      housenumber: "4",
      type: "housenumber",
      score: 0.99,
    });
    const filtered = (await (await search("q=4+rue+de+l+eglise&citycode=67343")).json()) as {
      features: { properties: { label: string } }[];
    };
    expect(filtered.features.map((feature) => feature.properties.label)).toEqual([
      "4 Rue de l'Église 67205 Oberhausbergen",
    ]);
  });

  it("refuses a query too short and can be slow or down", async () => {
    expect((await search("q=ab")).status).toBe(400);
    ban.setFaults({ down: true });
    expect((await search("q=place+kleber")).status).toBe(503);
    ban.setFaults({ down: false });
    expect((await search("q=place+kleber")).status).toBe(200);
  });
});
