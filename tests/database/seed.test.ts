// The demo data: the 33 communes of the Eurométropole with their INSEE codes, Strasbourg's quartiers inside the
// city, and a seed that can run any number of times without duplicating rows or changing ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseEmpty, seedDatabase } from "../../app/seed.ts";
import { COMMUNES, QUARTIERS } from "../../data/directory.ts";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import { createLogger } from "../../platform/logger.ts";

const log = createLogger({ level: "silent" });

describe("seedDatabase", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  async function snapshot() {
    return {
      communes: await db.prisma.commune.findMany({ orderBy: { inseeCode: "asc" } }),
      quartiers: await db.prisma.quartier.findMany({ orderBy: { slug: "asc" } }),
    };
  }

  it("fills an empty database, and running it again changes nothing", async () => {
    expect(await isDatabaseEmpty(db)).toBe(true);
    await seedDatabase(db, log);
    expect(await isDatabaseEmpty(db)).toBe(false);
    const first = await snapshot();
    expect(first.communes).toHaveLength(33);
    expect(first.quartiers).toHaveLength(QUARTIERS.length);

    await seedDatabase(db, log);
    expect(await snapshot()).toEqual(first);
  });

  it("uses UUIDv7 ids", async () => {
    const { communes } = await snapshot();
    for (const commune of communes)
      expect(commune.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("has the communes of the Eurométropole with their INSEE codes", async () => {
    const byCode = new Map((await snapshot()).communes.map((commune) => [commune.inseeCode, commune.name]));
    expect(byCode.get("67482")).toBe("Strasbourg");
    expect(byCode.get("67447")).toBe("Schiltigheim");
    expect(byCode.get("67218")).toBe("Illkirch-Graffenstaden");
    expect(byCode.get("67267")).toBe("Lingolsheim");
    expect(byCode.get("67043")).toBe("Bischheim");
    expect(byCode.get("67204")).toBe("Hœnheim");
    expect(byCode.get("67365")).toBe("Ostwald");
    expect(new Set(COMMUNES.map((commune) => commune.inseeCode)).size).toBe(33);
    for (const code of byCode.keys()) expect(code).toMatch(/^67\d{3}$/);
  });

  it("places every quartier in Strasbourg, inside the city's bounding box", async () => {
    const { communes, quartiers } = await snapshot();
    const strasbourg = communes.find((commune) => commune.inseeCode === "67482");
    for (const quartier of quartiers) {
      expect(quartier.communeId).toBe(strasbourg?.id);
      expect(quartier.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(quartier.centroidLat).toBeGreaterThan(48.45);
      expect(quartier.centroidLat).toBeLessThan(48.7);
      expect(quartier.centroidLon).toBeGreaterThan(7.6);
      expect(quartier.centroidLon).toBeLessThan(7.95);
    }
  });
});
