// PNG metadata stripping, chunk by chunk (PNG specification, 3rd edition). Kept: the critical chunks, the
// colour and transparency chunks needed to display the image as taken, and the animation chunks of APNG.
// Dropped: text (tEXt, zTXt, iTXt: author, software, comments, sometimes GPS), EXIF (eXIf), modification time
// (tIME), every private or unknown ancillary chunk, and anything after IEND. Every CRC is checked.
import { crc32 } from "node:zlib";
import { MalformedImageError, type StrippedImage } from "./jpeg.ts";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRITICAL = new Set(["IHDR", "PLTE", "IDAT", "IEND"]);
const KEPT_ANCILLARY = new Set([
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "iCCP",
  "sBIT",
  "bKGD",
  "pHYs",
  "cICP",
  "mDCV",
  "cLLI",
  "acTL",
  "fcTL",
  "fdAT",
]);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 8).equals(PNG_SIGNATURE);
}

export function stripPng(input: Uint8Array): StrippedImage {
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isPng(data)) throw new MalformedImageError("not a PNG");
  const kept: Buffer[] = [PNG_SIGNATURE];
  let offset = 8;
  let size: { width: number; height: number } | null = null;
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
      size = { width: data.readUInt32BE(offset + 8), height: data.readUInt32BE(offset + 12) };
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
  return { bytes: Buffer.concat(kept), width: size.width, height: size.height };
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
