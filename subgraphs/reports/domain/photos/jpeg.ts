// JPEG metadata stripping, segment by segment (ITU T.81 markers). Kept: the image itself (frame, tables, scans,
// restart intervals), the JFIF header without thumbnail, the ICC colour profile and Adobe's colour-transform
// segment (needed to decode CMYK/YCCK images correctly). Dropped: EXIF and XMP (APP1: GPS position, camera make,
// model and serial number, dates, thumbnail), IPTC/Photoshop (APP13), every other APPn, comments, and anything
// after the end-of-image marker (where some phones append more metadata). The EXIF orientation alone is written
// back, in a fresh minimal block, so that the photo still displays upright.
import { orientationOf, orientationOnlyExif } from "./exif.ts";

export interface StrippedImage {
  bytes: Buffer;
  width: number;
  height: number;
  /** Bytes the pixels take once decoded, when the format says (PNG's IHDR). */
  decodedBytes?: number;
}

export class MalformedImageError extends Error {
  override name = "MalformedImageError";
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const isApp = (marker: number) => marker >= 0xe0 && marker <= 0xef;
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
// Start-of-frame markers (C4 DHT, C8 JPG and CC DAC are not frames).
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);

const startsWith = (data: Buffer, text: string) => data.toString("latin1", 0, text.length) === text;

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === SOI && bytes[2] === 0xff;
}

export function stripJpeg(input: Uint8Array): StrippedImage {
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isJpeg(data)) throw new MalformedImageError("not a JPEG");
  const kept: Buffer[] = [];
  let jfif: Buffer | null = null;
  let orientation: number | null = null;
  let size: { width: number; height: number } | null = null;
  let scans = 0;
  let offset = 2;
  let ended = false;

  while (offset < data.length) {
    if (data[offset] !== 0xff) throw new MalformedImageError(`expected a marker at ${offset}`);
    // Fill bytes: any number of 0xFF may precede a marker.
    while (data[offset] === 0xff) offset++;
    const marker = data[offset++];
    if (marker === undefined) throw new MalformedImageError("truncated marker");
    if (marker === EOI) {
      ended = true;
      break;
    }
    if (marker === SOI) throw new MalformedImageError("a second start-of-image");
    if (isStandalone(marker)) {
      kept.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (offset + 2 > data.length) throw new MalformedImageError("truncated segment length");
    const length = data.readUInt16BE(offset);
    if (length < 2 || offset + length > data.length) throw new MalformedImageError("segment beyond the end");
    const segment = data.subarray(offset - 2, offset + length);
    const payload = data.subarray(offset + 2, offset + length);
    offset += length;

    if (isApp(marker)) {
      if (marker === 0xe0 && startsWith(payload, "JFIF\0") && payload.length >= 14)
        jfif = jfifWithoutThumbnail(payload);
      else if (marker === 0xe1 && startsWith(payload, "Exif\0\0"))
        orientation = orientationOf(payload) ?? orientation;
      else if (marker === 0xe2 && startsWith(payload, "ICC_PROFILE\0")) kept.push(segment);
      else if (marker === 0xee && startsWith(payload, "Adobe")) kept.push(segment);
      continue;
    }
    if (marker === COM) continue;
    if (isFrame(marker)) {
      if (payload.length < 6) throw new MalformedImageError("short frame header");
      size = { height: payload.readUInt16BE(1), width: payload.readUInt16BE(3) };
    }
    kept.push(segment);
    if (marker === SOS) {
      scans++;
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      const start = offset;
      while (offset < data.length) {
        if (data[offset] === 0xff) {
          const next = data[offset + 1];
          if (next === undefined) break;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        }
        offset++;
      }
      kept.push(data.subarray(start, offset));
    }
  }
  if (!ended) throw new MalformedImageError("no end-of-image marker (truncated file)");
  if (!size || scans === 0) throw new MalformedImageError("no frame or no scan");
  if (size.width === 0 || size.height === 0) throw new MalformedImageError("empty frame");

  const head: Buffer[] = [Buffer.from([0xff, SOI])];
  if (jfif) head.push(segmentOf(0xe0, jfif));
  if (orientation !== null && orientation !== 1) head.push(segmentOf(0xe1, orientationOnlyExif(orientation)));
  const bytes = Buffer.concat([...head, ...kept, Buffer.from([0xff, EOI])]);
  return { bytes, width: size.width, height: size.height };
}

/** JFIF APP0 payload with the thumbnail removed (version, units and density kept). */
function jfifWithoutThumbnail(payload: Buffer): Buffer {
  const header = Buffer.from(payload.subarray(0, 14));
  header[12] = 0; // thumbnail width
  header[13] = 0; // thumbnail height
  return header;
}

export function segmentOf(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** The APP segments of a JPEG (marker and payload), for inspection by tests and tools. */
export function appSegments(input: Uint8Array): { marker: number; payload: Buffer }[] {
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const found: { marker: number; payload: Buffer }[] = [];
  let offset = 2;
  while (offset + 4 <= data.length && data[offset] === 0xff) {
    const marker = data[offset + 1] ?? 0;
    if (marker === SOS || marker === EOI) break;
    const length = data.readUInt16BE(offset + 2);
    if (isApp(marker) || marker === COM)
      found.push({ marker, payload: data.subarray(offset + 4, offset + 2 + length) });
    offset += 2 + length;
  }
  return found;
}
