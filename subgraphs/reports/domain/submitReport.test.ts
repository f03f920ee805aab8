// submitReport with a fake store and a fake locator: every refusal stores nothing; routing follows the commune;
// a directory outage still accepts the report, routed by category and flagged for staff.
import { describe, expect, it } from "vitest";
import type { Geocoder } from "../ports/geocoder.ts";
import type { LocatedPlace, Locator } from "../ports/locator.ts";
import type { NewReport, ReportStore } from "../ports/reportStore.ts";
import type { Actor, AttributeDefinition, CategoryRecord, PhotoRecord } from "./model.ts";
import { type SubmitReportCommand, submitReport } from "./submitReport.ts";

const LIGHTING: CategoryRecord = {
  id: "cat-light",
  code: "eclairage-public",
  name: "Éclairage public en panne",
  description: "",
  groupName: "Éclairage",
  keywords: [],
  defaultServiceCode: "ECLAIRAGE",
  anonymousAllowed: true,
  expectedResolutionDays: 15,
  serviceNotice: null,
  active: true,
  position: 1,
};
const POTHOLE: CategoryRecord = {
  ...LIGHTING,
  id: "cat-road",
  code: "chaussee-degradee",
  anonymousAllowed: false,
};
const REQUIRED: AttributeDefinition = {
  id: "a1",
  categoryId: "cat-light",
  code: "type_panne",
  datatype: "singlevaluelist",
  required: true,
  variable: true,
  description: "Que constatez-vous ?",
  datatypeDescription: null,
  position: 1,
  options: [{ key: "eteint", name: "Éteint" }],
};

const CITIZEN: Actor = {
  kind: "citizen",
  accountId: "acc-1",
  partnerClientId: null,
  staffService: null,
  isAdmin: false,
};
const ANONYMOUS: Actor = {
  kind: "anonymous",
  accountId: null,
  partnerClientId: null,
  staffService: null,
  isAdmin: false,
};

const STRASBOURG: LocatedPlace = {
  commune: { id: "commune-sxb", inseeCode: "67482", name: "Strasbourg" },
  quartier: { id: "q-neudorf", name: "Neudorf" },
};
const SCHILTIGHEIM: LocatedPlace = {
  commune: { id: "commune-schil", inseeCode: "67447", name: "Schiltigheim" },
  quartier: null,
};

function fakeStore(photos: PhotoRecord[] = []) {
  const created: NewReport[] = [];
  const store = {
    categoryByCode: async (code: string) =>
      [LIGHTING, POTHOLE].find((category) => category.code === code) ?? null,
    attributesOfCategories: async (ids: readonly string[]) => (ids.includes("cat-light") ? [REQUIRED] : []),
    routingRules: async () => new Map([["67447", "SCHILTIGHEIM-ST"]]),
    photosByIds: async (ids: readonly string[]) => photos.filter((photo) => ids.includes(photo.id)),
    createReport: async (write: NewReport) => {
      created.push(write);
      return "created" as const;
    },
    findSimilar: async () => [],
  } as unknown as ReportStore;
  return { store, created };
}

const locatorAt = (place: LocatedPlace): Locator => ({ locate: async () => place });
const brokenLocator: Locator = {
  locate: async () => {
    throw new Error("directory down");
  },
};

/** A geocoder knowing two addresses: one in Schiltigheim, one that exists in two villages. */
const geocoder: Geocoder = {
  search: async (address) =>
    address.includes("Bischwiller")
      ? [
          {
            label: "21 Route de Bischwiller 67300 Schiltigheim",
            lat: 48.6075,
            lon: 7.7535,
            score: 0.95,
            citycode: "67447",
            postcode: "67300",
          },
        ]
      : address.includes("Église")
        ? [
            {
              label: "4 Rue de l'Église 67204 Achenheim",
              lat: 48.5806,
              lon: 7.627,
              score: 0.9,
              citycode: "67001",
              postcode: "67204",
            },
            {
              label: "4 Rue de l'Église 67201 Eckbolsheim",
              lat: 48.5811,
              lon: 7.6852,
              score: 0.9,
              citycode: "67118",
              postcode: "67201",
            },
          ]
        : [],
};

let counter = 0;
const deps = (store: ReportStore, locator: Locator) => ({
  store,
  locator,
  geocoder,
  geocoderMinScore: 0.6,
  now: () => new Date("2026-11-28T10:00:00Z"),
  newId: () => `id-${++counter}`,
  newToken: () => "token-0123456789abcdef",
  duplicateRadiusMeters: 50,
  duplicateMaxAgeDays: 30,
});

const command = (fields: Partial<SubmitReportCommand> = {}): SubmitReportCommand => ({
  categoryCode: "eclairage-public",
  lat: 48.5734,
  lon: 7.7521,
  address: null,
  description: "Lampadaire éteint",
  attributes: [{ code: "type_panne", values: ["eteint"] }],
  photoUploadIds: [],
  contact: null,
  mediaUrls: [],
  ...fields,
});

describe("submitReport", () => {
  it("locates a report given by address only, and refuses an unknown or ambiguous address, storing nothing", async () => {
    const { store, created } = fakeStore();
    const byAddress = (address: string) =>
      submitReport(command({ lat: null, lon: null, address }), CITIZEN, deps(store, locatorAt(SCHILTIGHEIM)));
    const located = await byAddress("21 route de Bischwiller, Schiltigheim");
    expect(located.kind).toBe("submitted");
    expect(created[0]?.report).toMatchObject({ lat: 48.6075, lon: 7.7535, serviceCode: "SCHILTIGHEIM-ST" });
    expect(await byAddress("4 rue de l'Église")).toEqual({
      kind: "address_not_located",
      reason: "ambiguous",
      candidates: ["4 Rue de l'Église 67204 Achenheim", "4 Rue de l'Église 67201 Eckbolsheim"],
    });
    expect(await byAddress("nulle part")).toEqual({
      kind: "address_not_located",
      reason: "not_found",
      candidates: [],
    });
    expect(created).toHaveLength(1);
  });

  it("routes by commune and stores the report, its history and its event in one write", async () => {
    const { store, created } = fakeStore();
    const outcome = await submitReport(command(), CITIZEN, deps(store, locatorAt(SCHILTIGHEIM)));
    expect(outcome.kind).toBe("submitted");
    expect(created).toHaveLength(1);
    const [write] = created;
    expect(write?.report).toMatchObject({
      status: "submitted",
      serviceCode: "SCHILTIGHEIM-ST",
      needsRouting: false,
      communeInseeCode: "67447",
      reporterAccountId: "acc-1",
      attributes: { type_panne: ["eteint"] },
      expectedResolutionAt: new Date("2026-12-13T10:00:00Z"),
    });
    expect(write?.history.map((entry) => [entry.kind, entry.toStatus, entry.actorAccountId])).toEqual([
      ["submitted", "submitted", null],
    ]);
    expect(write?.events).toEqual([
      expect.objectContaining({
        type: "report.status_changed",
        payload: expect.objectContaining({
          fromStatus: null,
          toStatus: "submitted",
          reporterAccountId: "acc-1",
        }),
      }),
    ]);
  });

  it("uses the category's service elsewhere, with the quartier", async () => {
    const { store, created } = fakeStore();
    await submitReport(command(), CITIZEN, deps(store, locatorAt(STRASBOURG)));
    expect(created[0]?.report).toMatchObject({ serviceCode: "ECLAIRAGE", quartierId: "q-neudorf" });
  });

  it("accepts the report when the directory is down, routed by category and flagged", async () => {
    const { store, created } = fakeStore();
    const failures: unknown[] = [];
    const outcome = await submitReport(command(), CITIZEN, {
      ...deps(store, brokenLocator),
      onLocatorFailure: (error) => failures.push(error),
    });
    expect(outcome.kind).toBe("submitted");
    expect(failures).toHaveLength(1);
    expect(created[0]?.report).toMatchObject({
      serviceCode: "ECLAIRAGE",
      needsRouting: true,
      communeId: null,
    });
    expect(created[0]?.history[0]?.internalNote).toContain("à vérifier");
  });

  it.each([
    ["an unknown category", command({ categoryCode: "ovni" }), CITIZEN, STRASBOURG, "unknown_category"],
    [
      "a point outside the coarse territory",
      command({ lat: 48.8566, lon: 2.3522 }),
      CITIZEN,
      STRASBOURG,
      "outside_territory",
    ],
    [
      "a point in no commune (Kehl)",
      command({ lat: 48.572, lon: 7.815 }),
      CITIZEN,
      { commune: null, quartier: null },
      "outside_territory",
    ],
    ["a missing required answer", command({ attributes: [] }), CITIZEN, STRASBOURG, "invalid_attributes"],
    [
      "an anonymous report where sign-in is required",
      command({ categoryCode: "chaussee-degradee", attributes: [] }),
      ANONYMOUS,
      STRASBOURG,
      "sign_in_required",
    ],
    [
      "an unknown photo",
      command({ photoUploadIds: ["01900000-0000-7000-8000-000000000000"] }),
      CITIZEN,
      STRASBOURG,
      "photo_unavailable",
    ],
  ] as const)("refuses %s and stores nothing", async (_label, input, actor, place, kind) => {
    const { store, created } = fakeStore();
    const outcome = await submitReport(input, actor, deps(store, locatorAt(place)));
    expect(outcome.kind).toBe(kind);
    expect(created).toHaveLength(0);
  });

  it("lets only the uploader use an upload, and never an expired or attached one", async () => {
    const photo = (fields: Partial<PhotoRecord>): PhotoRecord => ({
      id: "p",
      reportId: null,
      mediaType: "image/jpeg",
      byteSize: 10,
      width: 1,
      height: 1,
      sha256: "x",
      uploaderAccountId: "acc-1",
      uploaderClientId: null,
      position: 0,
      expiresAt: new Date("2026-11-28T11:00:00Z"),
      createdAt: new Date("2026-11-28T09:00:00Z"),
      ...fields,
    });
    const photos = [
      photo({ id: "mine" }),
      photo({ id: "theirs", uploaderAccountId: "acc-2" }),
      photo({ id: "expired", expiresAt: new Date("2026-11-28T09:59:59Z") }),
      photo({ id: "attached", reportId: "r" }),
      photo({ id: "anonymous", uploaderAccountId: null }),
    ];
    const { store } = fakeStore(photos);
    const outcome = await submitReport(
      command({ photoUploadIds: ["mine", "theirs", "expired", "attached", "anonymous"] }),
      CITIZEN,
      deps(store, locatorAt(STRASBOURG)),
    );
    expect(outcome).toEqual({ kind: "photo_unavailable", uploadIds: ["theirs", "expired", "attached"] });
  });
});
