// Real, decodable test images built in code (no image library is installed): a baseline greyscale JPEG with
// camera and GPS EXIF, an IPTC block and a comment; a greyscale PNG with text, EXIF and time chunks. Used by the
// unit tests of the sanitiser and by the end-to-end tests, which check that the metadata really is gone.
import { crc32, deflateSync } from "node:zlib";
import {
  EXIF_HEADER,
  TAG_GPS_IFD,
  TAG_MAKE,
  TAG_MODEL,
  TAG_ORIENTATION,
} from "../subgraphs/reports/domain/photos/exif.ts";
import { segmentOf } from "../subgraphs/reports/domain/photos/jpeg.ts";
import { ADAM7, PNG_SIGNATURE } from "../subgraphs/reports/domain/photos/png.ts";

export interface TestExif {
  make?: string;
  model?: string;
  orientation?: number;
  gps?: { lat: number; lon: number };
}

type Entry = { tag: number; type: 2 | 3 | 4 | 5; values: number[] | string };

/** A big-endian TIFF with IFD0 and, when asked, a GPS IFD. */
function tiffOf(exif: TestExif): Buffer {
  const ifd0: Entry[] = [];
  if (exif.make) ifd0.push({ tag: TAG_MAKE, type: 2, values: exif.make });
  if (exif.model) ifd0.push({ tag: TAG_MODEL, type: 2, values: exif.model });
  if (exif.orientation) ifd0.push({ tag: TAG_ORIENTATION, type: 3, values: [exif.orientation] });
  const gps: Entry[] = [];
  if (exif.gps) {
    const dms = (value: number) => {
      const abs = Math.abs(value);
      const degrees = Math.floor(abs);
      const minutes = Math.floor((abs - degrees) * 60);
      return [degrees, minutes, Math.round(((abs - degrees) * 60 - minutes) * 60 * 100) / 100];
    };
    gps.push({ tag: 1, type: 2, values: exif.gps.lat >= 0 ? "N" : "S" });
    gps.push({ tag: 2, type: 5, values: dms(exif.gps.lat) });
    gps.push({ tag: 3, type: 2, values: exif.gps.lon >= 0 ? "E" : "W" });
    gps.push({ tag: 4, type: 5, values: dms(exif.gps.lon) });
    ifd0.push({ tag: TAG_GPS_IFD, type: 4, values: [0] }); // offset patched below
  }
  const ifdSize = (entries: Entry[]) => 2 + entries.length * 12 + 4;
  const ifd0At = 8;
  const gpsAt = ifd0At + ifdSize(ifd0);
  const dataAt = gpsAt + (gps.length ? ifdSize(gps) : 0);
  const pointer = ifd0.find((entry) => entry.tag === TAG_GPS_IFD);
  if (pointer) pointer.values = [gpsAt];

  const out = Buffer.alloc(4096);
  out.write("MM", 0, "latin1");
  out.writeUInt16BE(42, 2);
  out.writeUInt32BE(ifd0At, 4);
  let extra = dataAt;
  const writeIfd = (at: number, entries: Entry[]) => {
    out.writeUInt16BE(entries.length, at);
    entries.forEach((entry, index) => {
      const slot = at + 2 + index * 12;
      out.writeUInt16BE(entry.tag, slot);
      out.writeUInt16BE(entry.type, slot + 2);
      let bytes: Buffer;
      if (entry.type === 2) bytes = Buffer.from(`${entry.values as string}\0`, "latin1");
      else if (entry.type === 3) bytes = Buffer.concat((entry.values as number[]).map((v) => u16(v)));
      else if (entry.type === 4) bytes = Buffer.concat((entry.values as number[]).map((v) => u32(v)));
      else
        bytes = Buffer.concat(
          (entry.values as number[]).map((v) => Buffer.concat([u32(Math.round(v * 100)), u32(100)])),
        );
      const count = entry.type === 2 ? bytes.length : (entry.values as number[]).length;
      out.writeUInt32BE(count, slot + 4);
      if (bytes.length <= 4) bytes.copy(out, slot + 8);
      else {
        out.writeUInt32BE(extra, slot + 8);
        bytes.copy(out, extra);
        extra += bytes.length + (bytes.length % 2);
      }
    });
    out.writeUInt32BE(0, at + 2 + entries.length * 12);
  };
  writeIfd(ifd0At, ifd0);
  if (gps.length) writeIfd(gpsAt, gps);
  return out.subarray(0, extra);
}

const u16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
};
const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
};

export function exifPayload(exif: TestExif): Buffer {
  return Buffer.concat([EXIF_HEADER, tiffOf(exif)]);
}

/** Canonical Huffman codes from the (bits, values) of a DHT segment. */
function huffmanCodes(bits: number[], values: number[]): Map<number, { code: number; length: number }> {
  const codes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < (bits[length - 1] ?? 0); i++) codes.set(values[k++] ?? 0, { code: code++, length });
    code <<= 1;
  }
  return codes;
}

// Standard luminance DC table (ITU T.81, Annex K.3); an AC table holding only end-of-block.
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0x00];

/**
 * A baseline greyscale JPEG of width × height (multiples of 8): each 8×8 block a flat grey (a gradient), which
 * a DC-only encoding represents exactly. Metadata segments are added as asked.
 */
export function testJpeg(
  options: { width?: number; height?: number; exif?: TestExif; comment?: string; iptc?: boolean } = {},
): Buffer {
  const width = options.width ?? 32;
  const height = options.height ?? 16;
  const dc = huffmanCodes(DC_BITS, DC_VALUES);
  const ac = huffmanCodes(AC_BITS, AC_VALUES);
  let bitBuffer = 0;
  let bitCount = 0;
  const bytes: number[] = [];
  const put = (code: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) {
      bitBuffer = (bitBuffer << 1) | ((code >> i) & 1);
      if (++bitCount === 8) {
        bytes.push(bitBuffer);
        if (bitBuffer === 0xff) bytes.push(0x00); // byte stuffing
        bitBuffer = 0;
        bitCount = 0;
      }
    }
  };
  let previous = 0;
  const blocksX = width / 8;
  const blocksY = height / 8;
  for (let by = 0; by < blocksY; by++) {
    for (let bx = 0; bx < blocksX; bx++) {
      const grey = Math.round(40 + (180 * (bx + by)) / Math.max(1, blocksX + blocksY - 2));
      const value = 8 * (grey - 128); // DC of a flat block with a quantisation step of 1
      const diff = value - previous;
      previous = value;
      const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const code = dc.get(category);
      if (!code) throw new Error("DC category out of range");
      put(code.code, code.length);
      if (category > 0) put(diff > 0 ? diff : diff + (1 << category) - 1, category);
      const eob = ac.get(0x00);
      if (eob) put(eob.code, eob.length);
    }
  }
  if (bitCount > 0) put((1 << (8 - bitCount)) - 1, 8 - bitCount); // pad with ones

  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 72, 0, 72, 0, 0]);
  const dqt = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]);
  const sof = Buffer.concat([Buffer.from([8]), u16(height), u16(width), Buffer.from([1, 1, 0x11, 0])]);
  const dht = (tableClass: number, bits: number[], values: number[]) =>
    Buffer.concat([Buffer.from([tableClass << 4]), Buffer.from(bits), Buffer.from(values)]);
  const sos = Buffer.from([1, 1, 0x00, 0, 63, 0]);
  const segments = [
    Buffer.from([0xff, 0xd8]),
    segmentOf(0xe0, jfif),
    ...(options.exif ? [segmentOf(0xe1, exifPayload(options.exif))] : []),
    ...(options.iptc
      ? [
          segmentOf(
            0xed,
            Buffer.from("Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x10By-line: Camille M.", "latin1"),
          ),
        ]
      : []),
    ...(options.comment ? [segmentOf(0xfe, Buffer.from(options.comment, "utf8"))] : []),
    segmentOf(0xdb, dqt),
    segmentOf(0xc0, sof),
    segmentOf(0xc4, dht(0, DC_BITS, DC_VALUES)),
    segmentOf(0xc4, dht(1, AC_BITS, AC_VALUES)),
    segmentOf(0xda, sos),
    Buffer.from(bytes),
    Buffer.from([0xff, 0xd9]),
  ];
  return Buffer.concat(segments);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

export interface TestPngOptions {
  width?: number;
  height?: number;
  metadata?: boolean;
  /** Every pixel black (compresses as a decompression bomb does) rather than a gradient. */
  flat?: boolean;
  /** Adam7 interlacing. */
  interlaced?: boolean;
  /** Chunks added before IEND (padding, an extra IDAT, APNG frames…), given as [type, data]. */
  extraChunks?: [string, Buffer][];
  /** Bytes appended inside the IDAT, after the end of its zlib stream. */
  idatTrailer?: Buffer;
  /** APNG: this many frames (acTL, then fcTL + fdAT each), all of the image's size. */
  frames?: number;
}

/** The filtered scanlines (filter byte 0) of a greyscale 8-bit image, pass by pass when interlaced. */
export function greyScanlines(width: number, height: number, interlaced = false, flat = false): Buffer {
  if (flat && !interlaced) return Buffer.alloc(height * (1 + width));
  const passes: readonly (readonly number[])[] = interlaced ? ADAM7 : [[0, 0, 1, 1]];
  const rows: Buffer[] = [];
  for (const [x0 = 0, y0 = 0, dx = 1, dy = 1] of passes) {
    for (let y = y0; y < height; y += dy) {
      const row = [0];
      for (let x = x0; x < width; x += dx) row.push((x * 16 + y * 8) & 0xff);
      if (row.length > 1) rows.push(Buffer.from(row));
    }
  }
  return Buffer.concat(rows);
}

export function pngChunkOf(type: string, data: Buffer): Buffer {
  return pngChunk(type, data);
}

/** Image data already compressed, by size and kind: big test images are deflated once per test file. */
const deflated = new Map<string, Buffer>();

/** A greyscale PNG with, as asked, text (author), EXIF (GPS) and modification-time chunks, and the extras above. */
export function testPng(options: TestPngOptions = {}): Buffer {
  const width = options.width ?? 16;
  const height = options.height ?? 8;
  const ihdr = Buffer.concat([
    u32(width),
    u32(height),
    Buffer.from([8, 0, 0, 0, options.interlaced ? 1 : 0]),
  ]);
  const metadata = options.metadata
    ? [
        pngChunk("tEXt", Buffer.from("Author\0Camille Muller", "latin1")),
        pngChunk("eXIf", tiffOf({ make: "Apple", model: "iPhone", gps: { lat: 48.5734, lon: 7.7521 } })),
        pngChunk("tIME", Buffer.from([0x07, 0xea, 11, 28, 9, 30, 0])),
      ]
    : [];
  const key = `${width}x${height}:${options.interlaced}:${options.flat}`;
  const pixels =
    deflated.get(key) ?? deflateSync(greyScanlines(width, height, options.interlaced, options.flat));
  deflated.set(key, pixels);
  const animation: Buffer[] = [];
  if (options.frames) {
    animation.push(pngChunk("acTL", Buffer.concat([u32(options.frames), u32(0)])));
    for (let frame = 0; frame < options.frames; frame++) {
      const control = Buffer.concat([u32(frame * 2), u32(width), u32(height), u32(0), u32(0)]);
      animation.push(pngChunk("fcTL", Buffer.concat([control, u16(1), u16(10), Buffer.from([0, 0])])));
      animation.push(pngChunk("fdAT", Buffer.concat([u32(frame * 2 + 1), pixels])));
    }
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk("IHDR", ihdr),
    ...metadata,
    ...animation.slice(0, 1),
    pngChunk("IDAT", Buffer.concat([pixels, options.idatTrailer ?? Buffer.alloc(0)])),
    ...animation.slice(1),
    ...(options.extraChunks ?? []).map(([type, data]) => pngChunk(type, data)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}
