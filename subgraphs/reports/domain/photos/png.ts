// PNG metadata stripping, chunk by chunk (PNG specification, 3rd edition). Kept: the critical chunks, the chunks a
// viewer needs to show the pixels as taken (transparency, gamma, chromaticities, sRGB, coding-independent code
// points) and the animation chunks of APNG. Dropped: every other ancillary chunk — text (tEXt, zTXt, iTXt: author,
// software, comments, sometimes GPS), EXIF (eXIf), ICC profiles (iCCP: its name is free text, and a name and
// address were found in one), modification time (tIME), background, physical size, significant bits, HDR hints,
// every private or unknown chunk — and anything after IEND. Every CRC is checked. The IHDR also tells how many
// bytes the pixels take once decoded, which sanitizePhoto bounds (decompression bombs).
import { crc32 } from "node:zlib";
import { MalformedImageError, type StrippedImage } from "./jpeg.ts";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRITICAL = new Set(["IHDR", "PLTE", "IDAT", "IEND"]);
const KEPT_ANCILLARY = new Set(["tRNS", "gAMA", "cHRM", "sRGB", "cICP", "acTL", "fcTL", "fdAT"]);

/** Samples per pixel of each PNG colour type (greyscale, RGB, palette, greyscale + alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 8).equals(PNG_SIGNATURE);
}

export function stripPng(input: Uint8Array): StrippedImage {
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isPng(data)) throw new MalformedImageError("not a PNG");
  const kept: Buffer[] = [PNG_SIGNATURE];
  let offset = 8;
  let size: { width: number; height: number; decodedBytes: number } | null = null;
  let sawData = false;
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
      if (length !== 13) throw new MalformedImageError("bad IHDR");
      const width = data.readUInt32BE(offset + 8);
      const height = data.readUInt32BE(offset + 12);
      const bitDepth = data.readUInt8(offset + 16);
      const channels = CHANNELS[data.readUInt8(offset + 17)];
      if (!channels || ![1, 2, 4, 8, 16].includes(bitDepth)) throw new MalformedImageError("bad IHDR");
      // Each row: a filter byte, then its samples packed at the bit depth.
      const decodedBytes = height * (1 + Math.ceil((width * channels * bitDepth) / 8));
      size = { width, height, decodedBytes };
    }
    if (type === "IDAT") sawData = true;
    const critical = type.charCodeAt(0) < 0x61; // upper-case first letter
    if (critical && !CRITICAL.has(type)) throw new MalformedImageError(`unknown critical chunk ${type}`);
    if (CRITICAL.has(type) || KEPT_ANCILLARY.has(type)) kept.push(data.subarray(offset, end));
    offset = end;
    if (type === "IEND") {
      ended = true;
      break;
    }
  }
  if (!ended) throw new MalformedImageError("no IEND chunk (truncated file)");
  if (!size || !sawData || size.width === 0 || size.height === 0)
    throw new MalformedImageError("no image data");
  return {
    bytes: Buffer.concat(kept),
    width: size.width,
    height: size.height,
    decodedBytes: size.decodedBytes,
  };
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
