// PNG metadata stripping, chunk by chunk (PNG specification, 3rd edition). Kept: the critical chunks and the chunks a
// viewer needs to show the pixels as taken (transparency, gamma, chromaticities, sRGB, coding-independent code
// points). Dropped: every other ancillary chunk — text (tEXt, zTXt, iTXt: author, software, comments, sometimes
// GPS), EXIF (eXIf), ICC profiles (iCCP: its name is free text, and a name and address were found in one),
// modification time (tIME), background, physical size, significant bits, HDR hints, every private or unknown chunk
// — and anything after IEND. Every CRC is checked.
// Animation (APNG: acTL, fcTL, fdAT) is dropped too: a viewer then shows the default image (the IDAT), which the
// APNG format requires to be a complete PNG. Counting every frame into the decoded size would be the alternative;
// dropping is simpler, leaves no frame data to hide text in, and a report's photo need not move.
// The image data itself is checked, not trusted: the IDAT chunks are one zlib stream, inflated to prove it decodes
// to exactly the size the IHDR announces; the stream is re-emitted as one IDAT holding exactly its bytes, so nothing
// appended after its end, in the same or an extra IDAT, survives. The budget (decompression bombs, `admit`) is
// judged on what is kept, before inflating anything. Inflating is streamed and the output only counted, never kept:
// an admitted image may still decode to ~400 MB (50 MP, 16-bit RGBA), and a small zlib stream padded to pass
// `admit` is refused only once its end is found; inflating it in one call (inflateSync) held all of that memory and
// blocked the event loop for half a second, while the stream runs on the thread pool one 64 KiB chunk at a time
// (those discarded wait for the garbage collector, tens of MB at worst).
import { crc32, createInflate } from "node:zlib";
import { MalformedImageError, type StrippedImage } from "./jpeg.ts";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRITICAL = new Set(["IHDR", "PLTE", "IDAT", "IEND"]);
const KEPT_ANCILLARY = new Set(["tRNS", "gAMA", "cHRM", "sRGB", "cICP"]);

/** Samples per pixel of each PNG colour type (greyscale, RGB, palette, greyscale + alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7 passes: column start, row start, column step, row step. */
export const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Thrown when `admit` refuses the image: its pixels cost more than the budget allows. */
export class ImageBudgetError extends Error {
  override name = "ImageBudgetError";
}

/** Says whether an image of this size, whose kept file is `keptBytes` long, may be decoded at all. */
export type ImageAdmission = (image: Omit<StrippedImage, "bytes">, keptBytes: number) => boolean;

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 8).equals(PNG_SIGNATURE);
}

/** Bytes of the filtered scanlines (a filter byte per row, samples packed at the bit depth), per pass if interlaced. */
function scanlineBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) =>
    w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!interlaced) return rows(width, height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += rows(Math.ceil(Math.max(0, width - x0) / dx), Math.ceil(Math.max(0, height - y0) / dy));
  }
  return total;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))));
  return Buffer.concat([head, data, crc]);
}

/** Output chunk of the inflate stream: the most image data held at once, whatever the image's size. */
const INFLATE_CHUNK_BYTES = 64 * 1024;

/**
 * Inflates `stream` counting the output and discarding it; refuses it as soon as it goes past `expected` bytes, or
 * if it ends short. Resolves with the input the zlib stream consumed (`bytesWritten`: what the engine took, up to
 * the stream's end — bytes after it are not consumed).
 */
function inflatedStreamLength(stream: Buffer, expected: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflate({ chunkSize: INFLATE_CHUNK_BYTES });
    let produced = 0;
    let settled = false;
    const refuse = (reason: string) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(new MalformedImageError(reason));
    };
    inflate.on("data", (piece: Buffer) => {
      produced += piece.length;
      if (produced > expected) refuse("image data does not inflate to the announced size");
    });
    inflate.on("error", () => refuse("image data does not inflate to the announced size"));
    inflate.on("end", () => {
      if (produced !== expected) return refuse("image data of the wrong size");
      settled = true;
      resolve(inflate.bytesWritten);
    });
    inflate.end(stream);
  });
}

export async function stripPng(
  input: Uint8Array,
  admit: ImageAdmission = () => true,
): Promise<StrippedImage> {
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isPng(data)) throw new MalformedImageError("not a PNG");
  const before: Buffer[] = [PNG_SIGNATURE];
  const after: Buffer[] = [];
  const idat: Buffer[] = [];
  let offset = 8;
  let size: { width: number; height: number; decodedBytes: number } | null = null;
  let ended = false;

  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString("latin1", offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > data.length)
      throw new MalformedImageError(`chunk ${type} beyond the end`);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new MalformedImageError("invalid chunk type");
    const crc = data.readUInt32BE(end - 4);
    if (crc32(data.subarray(offset + 4, end - 4)) !== crc)
      throw new MalformedImageError(`bad CRC in ${type}`);
    if (size === null && type !== "IHDR") throw new MalformedImageError("IHDR must come first");

    if (type === "IHDR") {
      if (length !== 13 || size) throw new MalformedImageError("bad IHDR");
      const width = data.readUInt32BE(offset + 8);
      const height = data.readUInt32BE(offset + 12);
      const bitDepth = data.readUInt8(offset + 16);
      const channels = CHANNELS[data.readUInt8(offset + 17)];
      const compression = data.readUInt8(offset + 18);
      const filter = data.readUInt8(offset + 19);
      const interlace = data.readUInt8(offset + 20);
      if (
        !channels ||
        ![1, 2, 4, 8, 16].includes(bitDepth) ||
        compression !== 0 ||
        filter !== 0 ||
        interlace > 1
      )
        throw new MalformedImageError("bad IHDR");
      size = {
        width,
        height,
        decodedBytes: scanlineBytes(width, height, channels * bitDepth, interlace === 1),
      };
    }
    const critical = type.charCodeAt(0) < 0x61; // upper-case first letter
    if (critical && !CRITICAL.has(type)) throw new MalformedImageError(`unknown critical chunk ${type}`);
    if (type === "IDAT") {
      if (after.length) throw new MalformedImageError("IDAT chunks must be consecutive");
      idat.push(data.subarray(offset + 8, end - 4));
    } else if (type === "IEND" || ((CRITICAL.has(type) || KEPT_ANCILLARY.has(type)) && idat.length)) {
      after.push(data.subarray(offset, end));
    } else if (CRITICAL.has(type) || KEPT_ANCILLARY.has(type)) {
      before.push(data.subarray(offset, end));
    }
    offset = end;
    if (type === "IEND") {
      ended = true;
      break;
    }
  }
  if (!ended) throw new MalformedImageError("no IEND chunk (truncated file)");
  if (!size || !idat.length || size.width === 0 || size.height === 0)
    throw new MalformedImageError("no image data");

  // The budget first, on what would be kept (at most every IDAT byte): nothing is inflated for a refused image.
  const stream = Buffer.concat(idat);
  const keptAtMost = [...before, ...after].reduce((sum, part) => sum + part.length, 12 + stream.length);
  if (!admit(size, keptAtMost)) throw new ImageBudgetError("over the pixel budget");
  const consumed = await inflatedStreamLength(stream, size.decodedBytes);
  // Trailing bytes dropped here may have been most of the file: the caller judges the budget again on `bytes`.
  const bytes = Buffer.concat([...before, chunk("IDAT", stream.subarray(0, consumed)), ...after]);
  return { bytes, width: size.width, height: size.height, decodedBytes: size.decodedBytes };
}

/** Types of the chunks of a PNG, in order (for inspection by tests and tools). */
export function chunkTypes(input: Uint8Array): string[] {
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const types: string[] = [];
  let offset = 8;
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset);
    types.push(data.toString("latin1", offset + 4, offset + 8));
    offset += 12 + length;
  }
  return types;
}
