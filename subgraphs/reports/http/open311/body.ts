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

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const NOT_UTF8 = "Texte non codé en UTF-8 : envoyez les paramètres en UTF-8.";

/** Bytes as UTF-8 text, or an Open311Error (400): never a text with U+FFFD where the sender's characters were. */
export function utf8OrThrow(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new Open311Error(400, NOT_UTF8);
  }
}

/** One component of application/x-www-form-urlencoded (WHATWG): `+` is a space, `%XX` a byte, then strict UTF-8. */
function formComponent(text: string): string {
  const raw = Buffer.from(text.replace(/\+/g, " "), "utf8");
  if (!raw.includes(0x25)) return text.replace(/\+/g, " ");
  const bytes = Buffer.alloc(raw.length);
  let length = 0;
  for (let index = 0; index < raw.length; index += 1) {
    const byte = raw[index] as number;
    const hex = byte === 0x25 ? raw.subarray(index + 1, index + 3).toString("latin1") : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes[length++] = Number.parseInt(hex, 16);
      index += 2;
    } else {
      bytes[length++] = byte;
    }
  }
  return utf8OrThrow(bytes.subarray(0, length));
}

/** A query string or form body, every value of repeated keys in order; percent-encoded bytes must be UTF-8. */
export function paramsFromForm(text: string): Params {
  const params: Params = new Map();
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const key = formComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = formComponent(equals === -1 ? "" : pair.slice(equals + 1));
    params.set(key, [...(params.get(key) ?? []), value]);
  }
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
      // A photo part without a filename arrives as text: refused, naming it, rather than dropped or mangled.
      if (PHOTO_FIELD.test(name) && value !== "") {
        fail(`${name} : partie photo sans nom de fichier (filename) : envoyez-la comme fichier.`);
        return;
      }
      // busboy decodes UTF-8 leniently: a replacement character is where bytes that were not UTF-8 stood.
      if (value.includes("\uFFFD")) fail(`${name} : ${NOT_UTF8}`);
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
