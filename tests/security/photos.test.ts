// Issue 15, item 5: photos. A 7000×7000 PNG of about 47 KB (49 MB once decoded: a decompression bomb for whoever
// displays it) is refused at upload; a PNG carrying free text in ancillary chunks not needed for display (an ICC
// profile named after a person, text, EXIF, background, physical size…) is served without any of them.
import { crc32, deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkTypes, PNG_SIGNATURE } from "../../subgraphs/reports/domain/photos/png.ts";
import { POTHOLE, type ReportsPlatform, startReportsPlatform } from "../reports/support.ts";

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
};

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

/** An 8-bit greyscale PNG of one uniform grey, with the extra chunks given (placed before the image data). */
function greyPng(width: number, height: number, extra: Buffer[] = [], grey = 0x80): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 0, 0, 0, 0])]);
  const row = Buffer.alloc(1 + width, grey);
  row[0] = 0;
  const pixels = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(pixels, y * row.length);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", ihdr),
    ...extra,
    chunk("IDAT", deflateSync(pixels, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const PERSON = "Camille Muller, 12 rue de Lunéville, 67100 Strasbourg";

describe("report photos", () => {
  let platform: ReportsPlatform;
  let resident: string;
  beforeAll(async () => {
    platform = await startReportsPlatform();
    resident = await platform.token("resident");
  });
  afterAll(() => platform?.close());

  it("refuses a 7000×7000 PNG of about 47 KB (a decompression bomb)", async () => {
    const bomb = greyPng(7000, 7000, [], 0);
    expect(bomb.length).toBeLessThan(50_000);
    const upload = await platform.upload(bomb, resident, "image/png");
    expect(upload.status).toBeGreaterThanOrEqual(400);
    expect(upload.status).toBeLessThan(500);
    expect(upload.json.uploadId).toBeUndefined();
    expect(upload.json.error?.code).toBeTruthy();
  });

  it("accepts an ordinary photo-sized PNG", async () => {
    const upload = await platform.upload(greyPng(640, 480), resident, "image/png");
    expect(upload.status).toBe(201);
  });

  it("serves a PNG without the ancillary chunks not needed for display", async () => {
    const profile = Buffer.concat([
      Buffer.from(`${PERSON}\0`, "latin1").subarray(0, 79),
      Buffer.from([0]),
      deflateSync(Buffer.from(`desc ${PERSON}`, "latin1")),
    ]);
    const png = greyPng(32, 16, [
      chunk("iCCP", Buffer.concat([Buffer.from("Camille Muller\0", "latin1"), Buffer.from([0]), profile])),
      chunk("tEXt", Buffer.from(`Author\0${PERSON}`, "latin1")),
      chunk("zTXt", Buffer.concat([Buffer.from("Comment\0\0", "latin1"), deflateSync(Buffer.from(PERSON))])),
      chunk("iTXt", Buffer.from(`Title\0\0\0fr\0Titre\0${PERSON}`, "utf8")),
      chunk("eXIf", Buffer.from(`MM\0*${PERSON}`, "latin1")),
      chunk("bKGD", Buffer.from([0, 0])),
      chunk("pHYs", Buffer.concat([u32(2835), u32(2835), Buffer.from([1])])),
      chunk("sBIT", Buffer.from([8])),
      chunk("gAMA", u32(45455)),
    ]);
    const upload = await platform.upload(png, resident, "image/png");
    expect(upload.status).toBe(201);
    const submitted = await platform.submit(
      { ...POTHOLE(), photoUploadIds: [upload.json.uploadId] },
      resident,
    );
    const reportId = (submitted.result as unknown as { report: { id: string } }).report.id;
    const { body } = await platform.graphql<{ report: { photos: { url: string }[] } }>(
      "query($id: ID!) { report(id: $id) { photos { url } } }",
      { id: reportId },
    );
    const response = await platform.fetchMedia(body.data?.report.photos[0]?.url ?? "");
    expect(response.status).toBe(200);
    const served = Buffer.from(await response.arrayBuffer());
    expect(chunkTypes(served)).toEqual(["IHDR", "gAMA", "IDAT", "IEND"]);
    expect(served.toString("latin1")).not.toContain("Camille");
  });
});
