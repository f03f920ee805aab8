// Bodies of Open311 POSTs: application/x-www-form-urlencoded, or multipart/form-data (RFC 7578) read by busboy —
// a maintained parser, with case-sensitive boundaries as RFC 2046 wants (FixMyStreet's HTTP library and browsers
// send mixed-case ones). Text fields become parameters (repeated keys kept in order); file parts are photos and
// are collected apart. Everything is bounded: a body past a bound is refused with a clear error, never truncated.
import busboy from "busboy";
import { Open311Error } from "./format.ts";
import type { Params } from "./params.ts";

export interface UploadedFile {
  field: string;
  fileName: string | null;
  contentType: string | null;
  bytes: Buffer;
}

export interface BodyLimits {
  /** Largest file part accepted. */
  fileBytes: number;
  /** File parts accepted in one body. */
  files: number;
  /** Text fields accepted in one body, and the largest one (bytes). */
  fields: number;
  fieldBytes: number;
}

/** Field names of photo parts: the specification's `media`, and FixMyStreet's `photo1`, `photo2`, … */
export const PHOTO_FIELD = /^(media|photo\d{1,2})$/;

export function paramsFromForm(text: string): Params {
  const params: Params = new Map();
  for (const [key, value] of new URLSearchParams(text)) params.set(key, [...(params.get(key) ?? []), value]);
  return params;
}

/**
 * Reads a multipart body already held in memory (its total size is bounded by the route's body limit). Each part
 * over a limit, or a photo part of an unknown name, is an Open311Error (400) naming it.
 */
export function parseMultipart(
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
  limits: BodyLimits,
): Promise<{ params: Params; files: UploadedFile[] }> {
  return new Promise((resolve, reject) => {
    const params: Params = new Map();
    const files: UploadedFile[] = [];
    let failure: Open311Error | null = null;
    const fail = (message: string) => {
      failure ??= new Open311Error(400, message);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: headers as busboy.BusboyConfig["headers"],
        defParamCharset: "utf8",
        limits: {
          fileSize: limits.fileBytes,
          // One more than allowed, so that a body with too many is recognised rather than cut short.
          files: limits.files + 1,
          fields: limits.fields,
          fieldSize: limits.fieldBytes,
          parts: limits.files + limits.fields + 1,
        },
      });
    } catch {
      reject(new Open311Error(400, "Corps multipart sans délimiteur (boundary) valide."));
      return;
    }
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) fail(`${name} : valeur trop longue (${limits.fieldBytes} octets au plus).`);
      params.set(name, [...(params.get(name) ?? []), value]);
    });
    let pending = 0;
    let ended = false;
    let settled = false;
    const settle = () => {
      if (settled || !ended || pending > 0) return;
      settled = true;
      if (failure) reject(failure);
      else if (files.length > limits.files)
        reject(new Open311Error(400, `${limits.files} photos au plus par demande.`));
      else resolve({ params, files });
    };
    parser.on("file", (name, stream, info) => {
      pending += 1;
      const chunks: Buffer[] = [];
      let broken = false;
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () =>
        fail(`${name} : photo trop volumineuse (${limits.fileBytes} octets au plus).`),
      );
      // A part cut short (no closing boundary) errors its own stream as well as the parser: an 'error' event with
      // no listener would be thrown and end the process, so every stream has one.
      stream.on("error", () => {
        broken = true;
        fail("Corps multipart mal formé.");
      });
      stream.on("close", () => {
        pending -= 1;
        if (broken) {
          // Already refused: the partial bytes are not kept.
        } else if (!PHOTO_FIELD.test(name)) {
          fail(`Partie fichier ${name} inconnue : envoyez les photos sous media, photo1, photo2…`);
        } else {
          files.push({
            field: name,
            fileName: info.filename ?? null,
            contentType: info.mimeType ?? null,
            bytes: Buffer.concat(chunks),
          });
        }
        settle();
      });
    });
    parser.on("filesLimit", () => fail(`${limits.files} photos au plus par demande.`));
    parser.on("fieldsLimit", () => fail(`${limits.fields} champs au plus par demande.`));
    parser.on("partsLimit", () => fail("Trop de parties dans le corps multipart."));
    parser.on("error", () => {
      fail("Corps multipart mal formé.");
      pending = 0;
      ended = true;
      settle();
    });
    parser.on("close", () => {
      ended = true;
      settle();
    });
    try {
      parser.end(body);
    } catch {
      fail("Corps multipart mal formé.");
      ended = true;
      pending = 0;
      settle();
    }
  });
}
