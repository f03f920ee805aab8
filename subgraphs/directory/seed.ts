// The directory's seed, its reference data (every database, tests included): the communes and quartiers of the
// Eurométropole (data/directory.ts), their demo boundaries, organisations and their relations, places created in
// Parvis, and initiatives. Idempotent: communes and quartiers are upserted by their natural key (INSEE code, slug),
// keeping the UUIDv7 ids generated the first time — ids other data may already point at; the other rows are found
// by their natural keys and only created when missing, so running the seed again neither duplicates nor
// overwrites what was edited through the platform (organisations keep their contributions, boundaries
// synchronised from open data are not replaced by the demo).
import { v7 as uuidv7 } from "uuid";
import { COMMUNES, QUARTIERS } from "../../data/directory.ts";
import { demoGeography } from "../../data/geography.ts";
import { INITIATIVES, ORGANIZATIONS, PLACES, RELATIONS } from "../../data/organizations.ts";
import type { Database } from "../../platform/db/database.ts";
import type { SeedContext } from "../../platform/manifest.ts";
import { type AreaGeometry, boundingBox, parseAreaGeometry } from "./domain/geometry.ts";
import { pickContaining } from "./domain/locate.ts";

/** True when the directory holds no commune yet: the sign of a database that was never seeded. */
export async function isDirectoryEmpty(db: Database): Promise<boolean> {
  return (await db.prisma.commune.findFirst({ select: { id: true } })) === null;
}

export async function seedDirectory({ db, log }: Pick<SeedContext, "db" | "log">): Promise<void> {
  const started = performance.now();
  // Batch transactions: all communes, then all quartiers, each set all-or-nothing.
  const communes = await db.prisma.$transaction(
    COMMUNES.map((commune) =>
      db.prisma.commune.upsert({
        where: { inseeCode: commune.inseeCode },
        create: { id: uuidv7(), inseeCode: commune.inseeCode, name: commune.name },
        update: { name: commune.name },
        select: { id: true, inseeCode: true },
      }),
    ),
  );
  const communeIds = new Map(communes.map((commune) => [commune.inseeCode, commune.id]));

  await db.prisma.$transaction(
    QUARTIERS.map((quartier) => {
      const communeId = communeIds.get(quartier.communeInseeCode);
      if (!communeId)
        throw new Error(
          `Seed data: quartier ${quartier.slug} names unknown commune ${quartier.communeInseeCode}`,
        );
      const fields = {
        name: quartier.name,
        communeId,
        centroidLat: quartier.centroidLat,
        centroidLon: quartier.centroidLon,
      };
      return db.prisma.quartier.upsert({
        where: { slug: quartier.slug },
        create: { id: uuidv7(), slug: quartier.slug, ...fields },
        update: fields,
        select: { id: true },
      });
    }),
  );
  // Boundaries (demo approximations, replaced by the open-data synchronisation), then the directory's content.
  await seedDemoBoundaries(db);
  const content = await seedDirectoryContent(db);
  log.info(
    {
      communes: COMMUNES.length,
      quartiers: QUARTIERS.length,
      ...content,
      ms: Math.round(performance.now() - started),
    },
    "demo data seeded",
  );
}

const DEMO_SOURCE = "seed:demo";

/** Boundaries only where none is known yet or where the demo one is still in place. */
export async function seedDemoBoundaries(db: Database): Promise<void> {
  const geography = demoGeography();
  const stillDemo = { OR: [{ boundarySource: null }, { boundarySource: DEMO_SOURCE }] };
  const fields = (geometry: AreaGeometry) => ({
    boundary: geometry as object,
    ...boundingBox(geometry),
    boundarySource: DEMO_SOURCE,
  });
  await db.prisma.$transaction([
    ...[...geography.communes].map(([inseeCode, geometry]) =>
      db.prisma.commune.updateMany({ where: { inseeCode, ...stillDemo }, data: fields(geometry) }),
    ),
    ...[...geography.quartiers].map(([slug, geometry]) =>
      db.prisma.quartier.updateMany({ where: { slug, ...stillDemo }, data: fields(geometry) }),
    ),
  ]);
}

async function locator(db: Database) {
  const areas = async (rows: { id: string; key: string; boundary: unknown }[]) =>
    rows
      .filter((row) => row.boundary !== null)
      .map((row) => ({ id: row.id, key: row.key, boundary: parseAreaGeometry(row.boundary) }));
  const quartiers = await areas(
    (await db.prisma.quartier.findMany({ select: { id: true, slug: true, boundary: true } })).map((row) => ({
      id: row.id,
      key: row.slug,
      boundary: row.boundary,
    })),
  );
  const communes = await areas(
    (await db.prisma.commune.findMany({ select: { id: true, inseeCode: true, boundary: true } })).map(
      (row) => ({
        id: row.id,
        key: row.inseeCode,
        boundary: row.boundary,
      }),
    ),
  );
  return (lat: number, lon: number) => ({
    quartierId: pickContaining(quartiers, lat, lon)?.id ?? null,
    communeId: pickContaining(communes, lat, lon)?.id ?? null,
  });
}

export async function seedDirectoryContent(
  db: Database,
): Promise<{ organizations: number; relations: number; places: number; initiatives: number }> {
  const prisma = db.prisma;
  const quartierIds = new Map(
    (await prisma.quartier.findMany({ select: { id: true, slug: true } })).map((row) => [row.slug, row.id]),
  );
  const communeIds = new Map(
    (await prisma.commune.findMany({ select: { id: true, inseeCode: true } })).map((row) => [
      row.inseeCode,
      row.id,
    ]),
  );

  const organizations = ORGANIZATIONS.map((seed) => ({
    id: uuidv7(),
    slug: seed.slug,
    kind: seed.kind,
    category: seed.category,
    name: seed.name,
    acronym: seed.acronym ?? null,
    description: seed.description,
    website: seed.website ?? null,
    email: seed.email ?? null,
    phone: seed.phone ?? null,
    address: seed.address ?? null,
    quartierId: seed.quartierSlug ? (quartierIds.get(seed.quartierSlug) ?? null) : null,
    communeId: seed.communeInseeCode ? (communeIds.get(seed.communeInseeCode) ?? null) : null,
  }));
  await prisma.organization.createMany({ data: organizations, skipDuplicates: true });
  const orgs = await prisma.organization.findMany({
    select: { id: true, slug: true, name: true, kind: true },
  });
  const orgIds = new Map(orgs.map((row) => [row.slug, row.id]));
  // The first revision of every organisation records its creation (history starts at version 1).
  await prisma.organizationRevision.createMany({
    data: orgs.map((row) => ({
      id: uuidv7(),
      organizationId: row.id,
      version: 1,
      changes: { name: { from: null, to: row.name }, kind: { from: null, to: row.kind } },
      origin: "creation",
    })),
    skipDuplicates: true,
  });

  const existing = await prisma.organizationRelation.findMany({
    select: { fromId: true, toId: true, type: true, validFrom: true },
  });
  const relationKey = (fromId: string, toId: string, type: string, validFrom: Date | null) =>
    `${fromId}>${type}>${toId}@${validFrom?.toISOString().slice(0, 10) ?? ""}`;
  const known = new Set(existing.map((row) => relationKey(row.fromId, row.toId, row.type, row.validFrom)));
  const relations = RELATIONS.flatMap((seed) => {
    const fromId = orgIds.get(seed.from);
    const toId = orgIds.get(seed.to);
    if (!fromId || !toId)
      throw new Error(`Seed data: relation ${seed.from} → ${seed.to} names an unknown organisation`);
    const validFrom = seed.validFrom ? new Date(`${seed.validFrom}T00:00:00Z`) : null;
    if (known.has(relationKey(fromId, toId, seed.type, validFrom))) return [];
    return [
      {
        id: uuidv7(),
        fromId,
        toId,
        type: seed.type,
        validFrom,
        validUntil: seed.validUntil ? new Date(`${seed.validUntil}T00:00:00Z`) : null,
        note: seed.note ?? null,
      },
    ];
  });
  await prisma.organizationRelation.createMany({ data: relations });

  const locate = await locator(db);
  await prisma.place.createMany({
    data: PLACES.map((seed) => ({
      id: uuidv7(),
      name: seed.name,
      kind: seed.kind,
      description: seed.description,
      address: seed.address,
      zipCode: seed.zipCode,
      city: seed.city,
      lat: seed.lat,
      lon: seed.lon,
      ...locate(seed.lat, seed.lon),
      ...(seed.opening ? { opening: seed.opening as object } : {}),
      source: "parvis",
      sourceId: seed.key,
    })),
    skipDuplicates: true,
  });
  const places = new Map(
    (
      await prisma.place.findMany({
        where: { source: "parvis", sourceId: { in: PLACES.map((seed) => seed.key) } },
        select: { id: true, sourceId: true, lat: true, lon: true },
      })
    ).map((row) => [row.sourceId ?? "", row]),
  );

  const titled = new Set(
    (
      await prisma.initiative.findMany({
        where: { title: { in: INITIATIVES.map((seed) => seed.title) } },
        select: { title: true },
      })
    ).map((row) => row.title),
  );
  const today = new Date();
  today.setUTCHours(14, 0, 0, 0);
  const initiatives = INITIATIVES.filter((seed) => !titled.has(seed.title)).map((seed) => {
    const place = seed.placeKey ? places.get(seed.placeKey) : undefined;
    const lat = place?.lat ?? seed.lat ?? null;
    const lon = place?.lon ?? seed.lon ?? null;
    const startsAt = new Date(today.getTime() + seed.startsInDays * 86_400_000);
    return {
      id: uuidv7(),
      title: seed.title,
      description: seed.description,
      organizerOrganizationId: orgIds.get(seed.organizer) ?? null,
      placeId: place?.id ?? null,
      lat,
      lon,
      quartierId: lat !== null && lon !== null ? locate(lat, lon).quartierId : null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + seed.durationHours * 3_600_000),
      volunteersWanted: seed.volunteersNeeded !== undefined,
      volunteersNeeded: seed.volunteersNeeded ?? null,
      volunteerCall: seed.volunteerCall ?? null,
      volunteerDeadline:
        seed.volunteersNeeded !== undefined ? new Date(startsAt.getTime() - 86_400_000) : null,
    };
  });
  await prisma.initiative.createMany({ data: initiatives });
  return {
    organizations: ORGANIZATIONS.length,
    relations: RELATIONS.length,
    places: PLACES.length,
    initiatives: INITIATIVES.length,
  };
}
