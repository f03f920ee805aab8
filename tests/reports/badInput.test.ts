// Every bad input of the issue, through the gateway: a clear typed problem or BAD_USER_INPUT error, and nothing
// stored half-way (no report, no history line, no event, no photo attached).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testJpeg, testPng } from "../../harness/testImages.ts";
import { localDiskPhotoStorage } from "../../subgraphs/reports/adapters/localDiskPhotoStorage.ts";
import { sweepExpiredUploads } from "../../subgraphs/reports/jobs/sweepUploads.ts";
import { countRows, KEHL, NEUDORF, POTHOLE, type ReportsPlatform, startReportsPlatform } from "./support.ts";

const TABLES = ["report", "report_history_entry", "outbox_event", "report_contact", "report_support"];

describe("bad input", () => {
  let platform: ReportsPlatform;
  let resident: string;
  beforeAll(async () => {
    platform = await startReportsPlatform({ env: { REPORTS_PHOTO_MAX_BYTES: "4096" } });
    resident = await platform.token("resident");
  });
  afterAll(() => platform?.close());

  const snapshot = async () => Promise.all(TABLES.map((table) => countRows(platform, table)));
  const attachedPhotos = async () => {
    const [row] = await platform.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM reports.report_photo WHERE report_id IS NOT NULL",
    );
    return row?.count ?? 0;
  };

  it.each([
    [
      "a point outside the Eurométropole (Paris)",
      { ...POTHOLE(), location: { lat: 48.8566, lon: 2.3522 } },
      "OutsideTerritory",
    ],
    ["an unknown category", { ...POTHOLE(), categoryCode: "ovni" }, "UnknownCategory"],
    ["a missing required attribute", { ...POTHOLE(), attributes: [] }, "InvalidAttributes"],
    [
      "an option that does not exist",
      { ...POTHOLE(), attributes: [{ code: "taille", values: ["immense"] }] },
      "InvalidAttributes",
    ],
    [
      "two values for a single-value question",
      { ...POTHOLE(), attributes: [{ code: "taille", values: ["petit", "grand"] }] },
      "InvalidAttributes",
    ],
    [
      "a number that is not one",
      {
        categoryCode: "depot-sauvage",
        location: NEUDORF,
        description: "x",
        attributes: [
          { code: "volume", values: ["sac"] },
          { code: "estimation_m3", values: ["beaucoup"] },
        ],
      },
      "InvalidAttributes",
    ],
    [
      "a date that is not ISO 8601",
      {
        categoryCode: "espaces-verts",
        location: NEUDORF,
        description: "x",
        attributes: [{ code: "constate_le", values: ["hier soir"] }],
      },
      "InvalidAttributes",
    ],
    [
      "an unknown question",
      {
        ...POTHOLE(),
        attributes: [
          { code: "taille", values: ["petit"] },
          { code: "couleur", values: ["rouge"] },
        ],
      },
      "InvalidAttributes",
    ],
    [
      "a photo id nobody uploaded",
      { ...POTHOLE(), photoUploadIds: ["01900000-0000-7000-8000-000000000000"] },
      "PhotoUnavailable",
    ],
  ])("answers %s with a typed problem and stores nothing", async (_label, input, problem) => {
    const before = await snapshot();
    const { result, errors } = await platform.submit(input, resident);
    expect(errors).toBeUndefined();
    expect(result.__typename).toBe(problem);
    expect(typeof result.message).toBe("string");
    expect(await snapshot()).toEqual(before);
  });

  it("lists the problem of each attribute", async () => {
    const { result } = await platform.submit(
      {
        categoryCode: "depot-sauvage",
        location: NEUDORF,
        description: "x",
        attributes: [{ code: "nature", values: ["uranium"] }],
      },
      resident,
    );
    expect(result.problems).toEqual([
      { code: "volume", message: "Réponse obligatoire : Quel est le volume du dépôt ?" },
      { code: "nature", message: "Choix inconnu : uranium." },
    ]);
  });

  it("answers a point in Kehl, across the Rhine, with OutsideTerritory once the directory knows the communes", async () => {
    const before = await snapshot();
    const { result } = await platform.submit({ ...POTHOLE(), location: KEHL }, resident);
    expect(result.__typename).toBe("OutsideTerritory");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an anonymous report where the category requires signing in, and accepts one where it does not", async () => {
    const refused = await platform.submit(POTHOLE());
    expect(refused.result.__typename).toBe("SignInRequired");
    const accepted = await platform.submit({
      categoryCode: "mobilier-urbain",
      location: NEUDORF,
      description: "Banc cassé",
      contact: { email: "passant@example.org" },
    });
    expect(accepted.result.__typename).toBe("ReportSubmitted");
  });

  it.each([
    ["a latitude beyond 90°", { ...POTHOLE(), location: { lat: 123, lon: 7.75 } }, "input.location"],
    [
      "a description of 4,001 characters",
      { ...POTHOLE(), description: "é".repeat(4001) },
      "input.description",
    ],
    [
      "an e-mail address that is none",
      { ...POTHOLE(), contact: { email: "pas une adresse" } },
      "input.contact.email",
    ],
    [
      "a phone number with letters",
      { ...POTHOLE(), contact: { phone: "appelez-moi" } },
      "input.contact.phone",
    ],
    [
      "too many photos",
      {
        ...POTHOLE(),
        photoUploadIds: Array.from({ length: 6 }, (_, i) => `01900000-0000-7000-8000-00000000000${i}`),
      },
      "input.photoUploadIds",
    ],
    [
      "the same photo twice",
      {
        ...POTHOLE(),
        photoUploadIds: ["01900000-0000-7000-8000-000000000000", "01900000-0000-7000-8000-000000000000"],
      },
      "input.photoUploadIds",
    ],
    [
      "a photo id that is no id",
      { ...POTHOLE(), photoUploadIds: ["../../etc/passwd"] },
      "input.photoUploadIds.0",
    ],
    ["a media URL that is a script", { ...POTHOLE(), mediaUrl: "javascript:alert(1)" }, "input.mediaUrl"],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_label, input, argument) => {
    const before = await snapshot();
    const { errors } = await platform.submit(input, resident);
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(await snapshot()).toEqual(before);
  });

  it("accepts exactly 4,000 characters of description, counted as characters", async () => {
    const { result } = await platform.submit({ ...POTHOLE(), description: "é".repeat(4000) }, resident);
    expect(result.__typename).toBe("ReportSubmitted");
  });

  it("refuses coordinates that are not numbers before anything runs", async () => {
    const { status, errors } = await platform.submit(
      { ...POTHOLE(), location: { lat: "48,58", lon: 7.75 } },
      resident,
    );
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses an oversized upload, and files that are not images whatever their declared type", async () => {
    const big = await platform.upload(testJpeg({ width: 512, height: 512 }), resident);
    expect(big.status).toBe(413);
    const html = await platform.upload("<html><script>alert(1)</script></html>", resident, "image/jpeg");
    expect(html).toEqual({ status: 415, json: { error: expect.objectContaining({ code: "NOT_AN_IMAGE" }) } });
    const gif = await platform.upload(
      Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
      resident,
      "image/png",
    );
    expect(gif.json.error?.code).toBe("UNSUPPORTED_IMAGE");
    const truncated = testJpeg();
    const broken = await platform.upload(truncated.subarray(0, truncated.length - 6), resident);
    expect(broken).toMatchObject({ status: 422, json: { error: { code: "MALFORMED" } } });
    const text = await platform.upload("bonjour", resident, "text/plain");
    expect(text.status).toBe(415);
    const unauthenticated = await platform.upload(testJpeg(), "not.a.token");
    expect(unauthenticated.status).toBe(401);
    const [row] = await platform.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM reports.report_photo",
    );
    expect(row?.count).toBe(0);
  });

  it("refuses another person's upload, and lets nobody attach one photo twice", async () => {
    const upload = await platform.upload(testPng({ metadata: true }), resident);
    expect(upload.status).toBe(201);
    const visitor = await platform.token("visitor");
    const before = await snapshot();
    const stolen = await platform.submit({ ...POTHOLE(), photoUploadIds: [upload.json.uploadId] }, visitor);
    expect(stolen.result).toMatchObject({
      __typename: "PhotoUnavailable",
      uploadIds: [upload.json.uploadId],
    });
    expect(await snapshot()).toEqual(before);
    expect(await attachedPhotos()).toBe(0);

    const first = await platform.submit({ ...POTHOLE(), photoUploadIds: [upload.json.uploadId] }, resident);
    expect(first.result.__typename).toBe("ReportSubmitted");
    const again = await platform.submit({ ...POTHOLE(), photoUploadIds: [upload.json.uploadId] }, resident);
    expect(again.result.__typename).toBe("PhotoUnavailable");
    expect(await attachedPhotos()).toBe(1);
  });

  it("does not serve uploads that no report uses, nor names that are not photo ids", async () => {
    const upload = await platform.upload(testJpeg(), resident);
    for (const path of [
      `${upload.json.uploadId}.jpg`,
      "..%2F..%2Fetc%2Fpasswd",
      `${upload.json.uploadId}.png`,
      "nope.jpg",
    ]) {
      const response = await fetch(`${platform.base}/media/report-photos/${path}`);
      expect(response.status).toBe(404);
    }
  });

  it("purges uploads never attached once expired, files included, and keeps attached ones", async () => {
    const storage = localDiskPhotoStorage(platform.photoDir);
    const orphan = await platform.upload(testJpeg(), resident);
    const kept = await platform.upload(testJpeg(), resident);
    await platform.submit({ ...POTHOLE(), photoUploadIds: [kept.json.uploadId] }, resident);
    const orphanId = orphan.json.uploadId as string;
    expect(await storage.get(orphanId)).not.toBeNull();

    expect(await sweepExpiredUploads(platform.client, storage)).toBe(0); // not expired yet
    await platform.db.query(
      "UPDATE reports.report_photo SET expires_at = now() - interval '1 second' WHERE report_id IS NULL",
    );
    expect(await sweepExpiredUploads(platform.client, storage)).toBeGreaterThanOrEqual(1);
    expect(await storage.get(orphanId)).toBeNull();
    expect(await storage.get(kept.json.uploadId as string)).not.toBeNull();
    const [row] = await platform.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM reports.report_photo WHERE report_id IS NULL",
    );
    expect(row?.count).toBe(0);
  });
});
