// Conditional GET (RFC 9110 § 13): a client that holds the current version (If-None-Match on the ETag, or else
// If-Modified-Since not before Last-Modified) is answered 304 without a body.

/** True when the request's validators match: answer 304. */
export function notModified(
  headers: { "if-none-match"?: string; "if-modified-since"?: string },
  etag: string,
  lastModified: Date,
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
  // HTTP dates have one-second precision.
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
