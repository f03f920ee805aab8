// Checks an uploaded photo by its content — never by the declared type or file name — and strips its metadata.
// Accepted: JPEG and PNG, within the size limit and a pixel budget (a huge image in a small file is a
// decompression bomb for whoever displays it). Everything else gets a precise refusal.
import { createHash } from "node:crypto";
import { isJpeg, MalformedImageError, stripJpeg } from "./jpeg.ts";
import { ImageBudgetError, isPng, stripPng } from "./png.ts";

export const MAX_PIXELS = 50_000_000;
export const MAX_SIDE = 20_000;
/**
 * Decompression bombs: past DECODED_FLOOR_BYTES once decoded, an image may not be more than this many times larger
 * decoded than the file that is KEPT (after stripping: what a viewer will decode) — never the uploaded file, which
 * a padding chunk would inflate at will. Real photos stay far below (a 12 MP JPEG of 150 KB, a dark night sky, is
 * 240 times; a flat 4K PNG screenshot a few hundred); a 7000×7000 PNG of 47 KB is 1,040 times (49 MB), and is
 * refused, with or without 200 KB of text chunks or bytes after its zlib stream.
 */
export const DECODED_FLOOR_BYTES = 16 * 1024 * 1024;
export const MAX_RATIO = { png: 500, jpeg: 1000 } as const;

export type PhotoProblem =
  | "empty"
  | "too_large"
  | "not_an_image"
  | "unsupported_image"
  | "malformed"
  | "too_many_pixels";

export type SanitizedPhoto =
  | {
      ok: true;
      mediaType: "image/jpeg" | "image/png";
      extension: "jpg" | "png";
      bytes: Buffer;
      width: number;
      height: number;
      sha256: string;
    }
  | { ok: false; problem: PhotoProblem; message: string };

export const PHOTO_PROBLEM_MESSAGES: Record<PhotoProblem, string> = {
  empty: "Le fichier est vide.",
  too_large: "La photo est trop volumineuse.",
  not_an_image: "Le fichier n'est pas une image.",
  unsupported_image: "Format d'image non pris en charge : envoyez une photo JPEG ou PNG.",
  malformed: "L'image est endommagée ou incomplète.",
  too_many_pixels: "L'image a trop de pixels.",
};

type Kind = keyof typeof MAX_RATIO;

/** The pixel budget, judged on the size of what is kept; for PNG, called before any image data is inflated. */
function withinBudget(
  image: { width: number; height: number; decodedBytes?: number },
  keptBytes: number,
  kind: Kind,
) {
  if (image.width > MAX_SIDE || image.height > MAX_SIDE || image.width * image.height > MAX_PIXELS)
    return false;
  // JPEG: three bytes per pixel once decoded (the colour most viewers decode to).
  const decoded = image.decodedBytes ?? image.width * image.height * 3;
  return decoded <= DECODED_FLOOR_BYTES || decoded / keptBytes <= MAX_RATIO[kind];
}

const fail = (problem: PhotoProblem): SanitizedPhoto => ({
  ok: false,
  problem,
  message: PHOTO_PROBLEM_MESSAGES[problem],
});

/** Other image formats, recognised to say "unsupported" rather than "not an image". */
function isOtherImage(data: Buffer): boolean {
  const ascii = (start: number, end: number) => data.toString("latin1", start, end);
  return (
    ascii(0, 4) === "GIF8" ||
    (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") ||
    (ascii(4, 8) === "ftyp" && /^(heic|heix|mif1|msf1|avif|hevc)$/.test(ascii(8, 12))) ||
    ascii(0, 2) === "BM" ||
    ascii(0, 4) === "II*\0" ||
    ascii(0, 4) === "MM\0*"
  );
}

export async function sanitizePhoto(input: Uint8Array, maxBytes: number): Promise<SanitizedPhoto> {
  if (input.byteLength === 0) return fail("empty");
  if (input.byteLength > maxBytes) return fail("too_large");
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const jpeg = isJpeg(data);
  if (!jpeg && !isPng(data)) return fail(isOtherImage(data) ? "unsupported_image" : "not_an_image");
  try {
    const image = jpeg
      ? stripJpeg(data)
      : await stripPng(data, (size, keptBytes) => withinBudget(size, keptBytes, "png"));
    if (!withinBudget(image, image.bytes.length, jpeg ? "jpeg" : "png")) return fail("too_many_pixels");
    return {
      ok: true,
      mediaType: jpeg ? "image/jpeg" : "image/png",
      extension: jpeg ? "jpg" : "png",
      bytes: image.bytes,
      width: image.width,
      height: image.height,
      sha256: createHash("sha256").update(image.bytes).digest("hex"),
    };
  } catch (error) {
    if (error instanceof MalformedImageError) return fail("malformed");
    if (error instanceof ImageBudgetError) return fail("too_many_pixels");
    throw error;
  }
}
