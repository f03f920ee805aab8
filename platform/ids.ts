// Identifiers. Entities get time-ordered UUIDv7 ids. Account ids are pseudonyms: a keyed HMAC of the upstream
// subject, shaped as a UUID (version 8, "custom"), so the gateway can compute them without a lookup and no
// subgraph but identity ever sees the upstream subject.
import { createHmac } from "node:crypto";
import { validate as isUuid, v7 as uuidv7 } from "uuid";

export { isUuid };

export function newId(): string {
  return uuidv7();
}

export function pseudonymousAccountId(subject: string, secret: string): string {
  const digest = createHmac("sha256", secret).update(`account:${subject}`).digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // version 8
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
