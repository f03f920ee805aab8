// The little of EXIF (a TIFF structure inside a JPEG APP1 segment) the sanitiser needs: read the orientation of
// the original, list the tags present (tests check that GPS and camera tags are gone), and write a minimal EXIF
// block holding the orientation alone, so that a stripped photo still displays upright.

export const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");
export const TAG_ORIENTATION = 0x0112;
export const TAG_MAKE = 0x010f;
export const TAG_MODEL = 0x0110;
export const TAG_EXIF_IFD = 0x8769;
export const TAG_GPS_IFD = 0x8825;

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

export interface TiffTags {
  /** Tags of IFD0 (the main image). */
  ifd0: Map<number, number[] | string>;
  /** Tags of the GPS IFD, when IFD0 points at one. */
  gps: Map<number, number[] | string> | null;
  /** Tags of the EXIF IFD (camera settings), when IFD0 points at one. */
  exif: Map<number, number[] | string> | null;
}

/** Parses the TIFF structure of an APP1 payload that starts with "Exif\0\0"; null when malformed. */
export function readExif(app1Payload: Uint8Array): TiffTags | null {
  const data = Buffer.from(app1Payload.buffer, app1Payload.byteOffset, app1Payload.byteLength);
  if (data.length < 14 || !data.subarray(0, 6).equals(EXIF_HEADER)) return null;
  const tiff = data.subarray(6);
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "MM" && order !== "II") return null;
  const little = order === "II";
  const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  try {
    if (u16(2) !== 42) return null;
    const readIfd = (offset: number): Map<number, number[] | string> => {
      const tags = new Map<number, number[] | string>();
      const count = u16(offset);
      for (let i = 0; i < count; i++) {
        const at = offset + 2 + i * 12;
        const tag = u16(at);
        const type = u16(at + 2);
        const n = u32(at + 4);
        const size = (TYPE_SIZES[type] ?? 1) * n;
        const valueAt = size <= 4 ? at + 8 : u32(at + 8);
        if (valueAt + size > tiff.length) throw new RangeError("value outside the block");
        if (type === 2) tags.set(tag, tiff.toString("latin1", valueAt, valueAt + n).replace(/\0+$/, ""));
        else if (type === 3)
          tags.set(
            tag,
            Array.from({ length: n }, (_, k) => u16(valueAt + 2 * k)),
          );
        else if (type === 4)
          tags.set(
            tag,
            Array.from({ length: n }, (_, k) => u32(valueAt + 4 * k)),
          );
        else if (type === 5) {
          tags.set(
            tag,
            Array.from({ length: n }, (_, k) => u32(valueAt + 8 * k) / (u32(valueAt + 8 * k + 4) || 1)),
          );
        } else tags.set(tag, Array.from(tiff.subarray(valueAt, valueAt + Math.min(size, 64))));
      }
      return tags;
    };
    const ifd0 = readIfd(u32(4));
    const pointer = (tag: number) => {
      const value = ifd0.get(tag);
      return Array.isArray(value) && typeof value[0] === "number" ? value[0] : null;
    };
    const gpsAt = pointer(TAG_GPS_IFD);
    const exifAt = pointer(TAG_EXIF_IFD);
    return {
      ifd0,
      gps: gpsAt !== null ? readIfd(gpsAt) : null,
      exif: exifAt !== null ? readIfd(exifAt) : null,
    };
  } catch {
    return null;
  }
}

/** The orientation (1–8) of an EXIF payload, or null. */
export function orientationOf(app1Payload: Uint8Array): number | null {
  const value = readExif(app1Payload)?.ifd0.get(TAG_ORIENTATION);
  const orientation = Array.isArray(value) ? value[0] : undefined;
  return orientation !== undefined && orientation >= 1 && orientation <= 8 ? orientation : null;
}

/** An APP1 payload ("Exif\0\0" + big-endian TIFF) holding one tag: the orientation. */
export function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(TAG_ORIENTATION, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18); // value, left-justified in the 4-byte field
  tiff.writeUInt32BE(0, 22); // no next IFD
  return Buffer.concat([EXIF_HEADER, tiff]);
}
