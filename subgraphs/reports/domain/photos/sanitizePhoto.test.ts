import { randomBytes } from "node:crypto";
import { crc32, createDeflate, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { greyScanlines, pngChunkOf, testJpeg, testPng } from "../../../../harness/testImages.ts";
import { readExif, TAG_GPS_IFD, TAG_MAKE, TAG_MODEL, TAG_ORIENTATION } from "./exif.ts";
import { appSegments, stripJpeg } from "./jpeg.ts";
import { chunkTypes, PNG_SIGNATURE } from "./png.ts";
import { sanitizePhoto } from "./sanitizePhoto.ts";

const MAX = 5 * 1024 * 1024;
const CAMERA = { make: "Canon", model: "EOS 250D", orientation: 6, gps: { lat: 48.5734, lon: 7.7521 } };

describe("the test images are what they claim", () => {
  it("carries GPS and camera tags in the original JPEG", async () => {
    const original = testJpeg({ exif: CAMERA, comment: "vacances", iptc: true });
    const exif = appSegments(original).find((segment) => segment.marker === 0xe1);
    const tags = exif && readExif(exif.payload);
    expect(tags?.ifd0.get(TAG_MAKE)).toBe("Canon");
    expect(tags?.ifd0.get(TAG_MODEL)).toBe("EOS 250D");
    expect(tags?.ifd0.has(TAG_GPS_IFD)).toBe(true);
    expect(tags?.gps?.get(2)).toEqual([48, 34, 24.24]);
    expect(tags?.gps?.get(1)).toBe("N");
    expect(appSegments(original).map((segment) => segment.marker)).toEqual([0xe0, 0xe1, 0xed, 0xfe]);
  });
});

describe("sanitizePhoto", () => {
  it("strips EXIF (GPS, camera), IPTC and comments from a JPEG, keeping the orientation and the image", async () => {
    const original = testJpeg({ exif: CAMERA, comment: "Camille, rue de Lunéville", iptc: true });
    const result = await sanitizePhoto(original, MAX);
    if (!result.ok) throw new Error(result.message);
    expect(result).toMatchObject({ mediaType: "image/jpeg", width: 32, height: 16 });
    const segments = appSegments(result.bytes);
    expect(segments.map((segment) => segment.marker)).toEqual([0xe0, 0xe1]);
    const tags = readExif(segments[1]?.payload ?? Buffer.alloc(0));
    expect([...(tags?.ifd0.keys() ?? [])]).toEqual([TAG_ORIENTATION]);
    expect(tags?.ifd0.get(TAG_ORIENTATION)).toEqual([6]);
    expect(tags?.gps).toBeNull();
    for (const secret of ["Canon", "EOS", "Camille", "Photoshop", "By-line"]) {
      expect(result.bytes.includes(Buffer.from(secret))).toBe(false);
    }
    expect(result.bytes.includes(Buffer.from([0x88, 0x25]))).toBe(false); // the GPS IFD pointer tag
    // The image data (tables, frame, scan) is byte-for-byte the original's.
    const scanOf = (bytes: Buffer) => bytes.subarray(bytes.indexOf(Buffer.from([0xff, 0xdb])));
    expect(scanOf(result.bytes).equals(scanOf(original))).toBe(true);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes no EXIF at all when the photo is upright or has none", async () => {
    const upright = await sanitizePhoto(testJpeg({ exif: { make: "Nikon", orientation: 1 } }), MAX);
    const bare = await sanitizePhoto(testJpeg(), MAX);
    for (const result of [upright, bare]) {
      if (!result.ok) throw new Error(result.message);
      expect(appSegments(result.bytes).map((segment) => segment.marker)).toEqual([0xe0]);
    }
  });

  it("drops anything appended after the end of the image", async () => {
    const original = Buffer.concat([testJpeg(), Buffer.from("SEFT trailer GPS 48.57,7.75")]);
    const result = await sanitizePhoto(original, MAX);
    if (!result.ok) throw new Error(result.message);
    expect(result.bytes.includes(Buffer.from("SEFT"))).toBe(false);
    expect(result.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it("strips text, EXIF and time chunks from a PNG", async () => {
    const original = testPng({ metadata: true });
    expect(chunkTypes(original)).toEqual(["IHDR", "tEXt", "eXIf", "tIME", "IDAT", "IEND"]);
    const result = await sanitizePhoto(original, MAX);
    if (!result.ok) throw new Error(result.message);
    expect(result).toMatchObject({ mediaType: "image/png", width: 16, height: 8 });
    expect(chunkTypes(result.bytes)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(result.bytes.includes(Buffer.from("Camille"))).toBe(false);
  });

  it("judges by content, not by name or declared type", async () => {
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    expect(await sanitizePhoto(html, MAX)).toMatchObject({ ok: false, problem: "not_an_image" });
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
    expect(await sanitizePhoto(gif, MAX)).toMatchObject({ ok: false, problem: "unsupported_image" });
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic"), Buffer.alloc(16)]);
    expect(await sanitizePhoto(heic, MAX)).toMatchObject({ ok: false, problem: "unsupported_image" });
    expect(await sanitizePhoto(Buffer.alloc(0), MAX)).toMatchObject({ ok: false, problem: "empty" });
  });

  it("refuses oversized files and truncated or corrupted images", async () => {
    const jpeg = testJpeg({ width: 64, height: 64 });
    expect(await sanitizePhoto(jpeg, jpeg.length - 1)).toMatchObject({ ok: false, problem: "too_large" });
    expect(await sanitizePhoto(jpeg.subarray(0, jpeg.length - 10), MAX)).toMatchObject({
      ok: false,
      problem: "malformed",
    });
    const png = Buffer.from(testPng());
    png[png.length - 20] = (png[png.length - 20] ?? 0) ^ 0xff; // breaks a CRC
    expect(await sanitizePhoto(png, MAX)).toMatchObject({ ok: false, problem: "malformed" });
  });

  it("refuses an image whose declared size is a decompression bomb", async () => {
    const bomb = testJpeg();
    const sof = bomb.indexOf(Buffer.from([0xff, 0xc0]));
    bomb.writeUInt16BE(20_000, sof + 5); // height
    bomb.writeUInt16BE(20_000, sof + 7); // width
    expect(await sanitizePhoto(bomb, MAX)).toMatchObject({ ok: false, problem: "too_many_pixels" });
  });

  it("keeps an ICC profile, which says how to display the colours", async () => {
    const icc = Buffer.concat([
      Buffer.from([0xff, 0xe2, 0, 20]),
      Buffer.from("ICC_PROFILE\0\x01\x01abcd", "latin1"),
    ]);
    const original = testJpeg();
    const withIcc = Buffer.concat([original.subarray(0, 2), icc, original.subarray(2)]);
    const { bytes } = stripJpeg(withIcc);
    expect(appSegments(bytes).map((segment) => segment.marker)).toEqual([0xe0, 0xe2]);
  });

  describe("PNG image data and decompression bombs", () => {
    /** The IDAT payload of a sanitised PNG (one IDAT chunk, re-emitted). */
    const idatOf = (png: Buffer) => {
      const at = png.indexOf(Buffer.from("IDAT"));
      return png.subarray(at + 4, at + 4 + png.readUInt32BE(at - 4));
    };

    it("refuses a 7000×7000 PNG bomb however it is padded: text, unknown chunks, bytes after the zlib stream", async () => {
      const bomb = testPng({ width: 7000, height: 7000, flat: true });
      expect(bomb.length).toBeLessThan(60_000);
      expect(await sanitizePhoto(bomb, 10 * MAX)).toMatchObject({ ok: false, problem: "too_many_pixels" });
      const padding = randomBytes(200_000);
      for (const padded of [
        testPng({ width: 7000, height: 7000, flat: true, extraChunks: [["tEXt", padding]] }),
        testPng({ width: 7000, height: 7000, flat: true, extraChunks: [["zzZz", padding]] }),
        testPng({ width: 7000, height: 7000, flat: true, idatTrailer: padding }),
        testPng({ width: 7000, height: 7000, flat: true, extraChunks: [["IDAT", padding]] }),
      ]) {
        expect(padded.length).toBeGreaterThan(200_000);
        expect(await sanitizePhoto(padded, 10 * MAX)).toMatchObject({
          ok: false,
          problem: "too_many_pixels",
        });
      }
    });

    it("refuses a 50 MP 16-bit RGBA bomb padded after its zlib stream without holding its 392 MB", async () => {
      // 7000×7000 RGBA, 16 bits a sample: 392 MB of scanlines, deflated (zeros, ~1,030:1) without ever holding them.
      const width = 7000;
      const height = 7000;
      const row = Buffer.alloc(1 + width * 8);
      const deflate = createDeflate({ level: 9 });
      const compressed: Buffer[] = [];
      deflate.on("data", (piece: Buffer) => compressed.push(piece));
      const deflated = new Promise((resolve) => deflate.on("end", resolve));
      for (let y = 0; y < height; y++) deflate.write(row);
      deflate.end();
      await deflated;
      const stream = Buffer.concat(compressed);
      // Padded after the stream just enough to pass the budget on what might be kept (at most 500:1).
      const padding = randomBytes(Math.ceil((height * row.length) / 500) - stream.length);
      const ihdr = Buffer.alloc(13);
      ihdr.writeUInt32BE(width, 0);
      ihdr.writeUInt32BE(height, 4);
      ihdr.set([16, 6, 0, 0, 0], 8); // 16-bit, RGBA, deflate, no filter variant, not interlaced
      const bomb = Buffer.concat([
        PNG_SIGNATURE,
        pngChunkOf("IHDR", ihdr),
        pngChunkOf("IDAT", Buffer.concat([stream, padding])),
        pngChunkOf("IEND", Buffer.alloc(0)),
      ]);
      expect(bomb.length).toBeLessThan(900_000);

      // The image data is inflated as a stream on the thread pool: the event loop turns meanwhile (inflating it in
      // one call blocked it throughout), and at no turn does the process hold the image (one buffer took 392 MB).
      // The bound is loose on purpose: discarded chunks count until the garbage collector runs (~85 MB measured).
      const before = process.memoryUsage().arrayBuffers;
      let peak = before;
      let turns = 0;
      let done = false;
      const sample = () => {
        turns++;
        peak = Math.max(peak, process.memoryUsage().arrayBuffers);
        if (!done) setImmediate(sample);
      };
      setImmediate(sample);
      const result = await sanitizePhoto(bomb, 10 * MAX);
      done = true;
      sample();
      expect(result).toMatchObject({ ok: false, problem: "too_many_pixels" });
      expect(turns).toBeGreaterThan(100);
      expect(peak - before).toBeLessThan(256 * 1024 * 1024);
    });

    it("drops APNG animation (acTL, fcTL, fdAT): only the default image is kept, and so decoded", async () => {
      const animated = testPng({ width: 64, height: 64, frames: 20 });
      expect(chunkTypes(animated)).toContain("fdAT");
      const result = await sanitizePhoto(animated, MAX);
      if (!result.ok) throw new Error(result.message);
      expect(chunkTypes(result.bytes)).toEqual(["IHDR", "IDAT", "IEND"]);
      expect(inflateSync(idatOf(result.bytes))).toEqual(greyScanlines(64, 64));
    });

    it("keeps only the exact zlib stream of the image: nothing after it, in its IDAT or an extra one, survives", async () => {
      const secret = Buffer.from("Camille Muller, 12 rue de Lunéville");
      for (const original of [
        testPng({ idatTrailer: secret }),
        testPng({ extraChunks: [["IDAT", secret]] }),
        testPng({ interlaced: true, width: 13, height: 11, idatTrailer: secret }),
      ]) {
        const result = await sanitizePhoto(original, MAX);
        if (!result.ok) throw new Error(result.message);
        expect(result.bytes.includes(secret)).toBe(false);
        expect(chunkTypes(result.bytes)).toEqual(["IHDR", "IDAT", "IEND"]);
        const interlaced = result.bytes[28] === 1;
        expect(inflateSync(idatOf(result.bytes))).toEqual(
          greyScanlines(result.width, result.height, interlaced),
        );
      }
    });

    it("refuses image data that does not inflate to exactly the size the IHDR announces", async () => {
      const short = testPng();
      short.writeUInt32BE(9, 20); // height 9 where the data holds 8 rows
      const crcAt = 8 + 8 + 13;
      short.writeUInt32BE(crc32(short.subarray(12, crcAt)), crcAt);
      expect(await sanitizePhoto(short, MAX)).toMatchObject({ ok: false, problem: "malformed" });
      const long = testPng();
      long.writeUInt32BE(7, 20);
      long.writeUInt32BE(crc32(long.subarray(12, crcAt)), crcAt);
      expect(await sanitizePhoto(long, MAX)).toMatchObject({ ok: false, problem: "malformed" });
    });
  });
});
