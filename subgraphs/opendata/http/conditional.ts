// Conditional GET (RFC 9110 § 13): a client that holds the current version (If-None-Match on the ETag, or else
// If-Modified-Since not before Last-Modified) is answered 304 without a body.

/** True when the request's validators match: answer 304. */
export function notModified(
  headers: { "if-none-match"?: string; "if-modified-since"?: string },
  etag: string,
  lastModified: Date,
  now: Date = new Date(),
): boolean {
  const ifNoneMatch = headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    // Weak comparison (§ 13.1.2): W/ prefixes ignored; If-Modified-Since is then ignored (§ 13.1.3).
    const strip = (tag: string) => tag.trim().replace(/^W\//, "");
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(etag));
  }
  const ifModifiedSince = headers["if-modified-since"];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // A date in the future is no validator (a client's clock, or a forged header): answer in full.
  if (Number.isNaN(since) || since > now.getTime()) return false;
  // HTTP dates have one-second precision (DatasetVersions makes each version's second its own).
  return Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
