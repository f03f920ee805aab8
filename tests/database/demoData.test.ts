// The demo a newcomer sees after `npm start`: petitions in every state (one just under each threshold, one
// answered) and reports in every status across several communes — consistent with their ledgers and histories,
// and a seed that can run again without changing anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedClient } from "../../app/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import { loadConfig } from "../../platform/config.ts";
import { readHead } from "../../platform/ledger/index.ts";
import { createLogger } from "../../platform/logger.ts";
import { DEMO_PETITIONS, seedPetitions } from "../../subgraphs/petitions/seed.ts";
import { REPORT_STATUSES } from "../../subgraphs/reports/domain/lifecycle.ts";
import { DEMO_REPORTS, seedReports } from "../../subgraphs/reports/seed.ts";

const log = createLogger({ level: "silent" });
const config = loadConfig({});

describe("demo petitions and reports", () => {
  let db: TestDatabase;
  // The reports' seed locates its points through the directory, as the composition root's seed lets it.
  let directory: ReturnType<typeof seedClient>;
  const seededBefore = Date.now();
  beforeAll(async () => {
    db = await createTestDatabase({ seed: true });
    directory = seedClient(db.config, db, log);
    await seedPetitions(db, log);
    await seedReports(db, log, directory.internal);
  }, 120_000);
  afterAll(async () => {
    await directory?.close();
    await db?.close();
  });

  const snapshot = async () => ({
    petitions: await db.prisma.petition.findMany({ orderBy: { id: "asc" } }),
    signatures: await db.prisma.petitionSignature.count(),
    reports: await db.prisma.report.findMany({ orderBy: { id: "asc" } }),
  });

  it("changes nothing when run again", async () => {
    const first = await snapshot();
    expect(first.petitions).toHaveLength(DEMO_PETITIONS.length);
    expect(first.reports).toHaveLength(DEMO_REPORTS.length);
    await seedPetitions(db, log);
    await seedReports(db, log, directory.internal);
    expect(await snapshot()).toEqual(first);
  });

  it("has a petition in every lifecycle state, one just under each threshold and one answered", async () => {
    const petitions = await db.prisma.petition.findMany();
    expect(new Set(petitions.map((petition) => petition.state))).toEqual(
      new Set([
        "draft",
        "submitted",
        "in_moderation",
        "published",
        "answered",
        "closed",
        "rejected",
        "withdrawn",
      ]),
    );
    const published = petitions.filter((petition) => petition.state === "published");
    const gap = (threshold: number) =>
      published.some(
        (petition) => petition.signatureCount < threshold && petition.signatureCount >= threshold - 20,
      );
    expect(gap(config.PETITION_MEETING_THRESHOLD)).toBe(true);
    expect(gap(config.PETITION_COUNCIL_THRESHOLD)).toBe(true);
    const answered = petitions.find((petition) => petition.state === "answered");
    expect(answered?.responseText).toBeTruthy();
    // Signing has begun for some, not yet for one (SOON_ARRIVED).
    expect(published.some((petition) => (petition.signingStartsAt as Date).getTime() > Date.now())).toBe(
      true,
    );
  });

  it("keeps every petition's ledger consistent with its count, dated no later than the seeding", async () => {
    const petitions = await db.prisma.petition.findMany({ where: { publishedAt: { not: null } } });
    for (const petition of petitions) {
      const head = await readHead(db.prisma, "petitions", `petition:${petition.id}`);
      expect(head.total).toBe(petition.signatureCount);
      if (head.timestamp) expect(new Date(head.timestamp).getTime()).toBeLessThanOrEqual(Date.now());
      if (head.timestamp && petition.respondedAt)
        expect(new Date(head.timestamp).getTime()).toBeLessThanOrEqual(petition.respondedAt.getTime());
    }
  });

  it("has reports in every status, across several communes, routed to several services", async () => {
    const reports = await db.prisma.report.findMany();
    expect(new Set(reports.map((report) => report.status))).toEqual(new Set(REPORT_STATUSES));
    expect(new Set(reports.map((report) => report.communeInseeCode)).size).toBeGreaterThanOrEqual(5);
    expect(reports.every((report) => report.communeInseeCode !== null)).toBe(true);
    // The lighting of Schiltigheim and Illkirch-Graffenstaden goes to the communes' own services.
    const services = new Set(reports.map((report) => report.serviceCode));
    for (const code of ["SCHILTIGHEIM-ST", "ILLKIRCH-ST", "PROPRETE", "DMEPN"])
      expect(services.has(code)).toBe(true);
    for (const report of reports)
      expect(report.createdAt.getTime()).toBeLessThanOrEqual(seededBefore + 60_000);
  });
});
