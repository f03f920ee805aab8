import { describe, expect, it } from "vitest";
import {
  formatPublikTimestamp,
  signPublikQuery,
  signPublikUrl,
  verifyPublikQuery,
} from "./publik-signature.ts";

const KEY = "shared-secret-key";
const NOW = new Date("2025-01-21T08:30:00.456Z");
const QUERY = "NameID=52e3955aa90f4e379dfa3c802b35f43b&include-drafts=true";
const keys = (orig: string) => (orig === "parvis" ? KEY : undefined);

describe("Publik signed query strings", () => {
  it("formats timestamps as UTC seconds with a Z", () => {
    expect(formatPublikTimestamp(NOW)).toBe("2025-01-21T08:30:00Z");
  });

  it("matches an HMAC-SHA256 computed independently (Python hmac/base64/quote)", () => {
    expect(signPublikQuery(QUERY, KEY, "parvis", NOW)).toBe(
      `${QUERY}&algo=sha256&timestamp=2025-01-21T08:30:00Z&orig=parvis` +
        "&signature=Ayikwb%2B%2Fn7XX5sr%2FSOvdu3i2fdsWWRqggsTYhknFbTo%3D",
    );
  });

  it("signs an empty query and a full URL", () => {
    expect(signPublikQuery("", KEY, "parvis", NOW)).toMatch(
      /^algo=sha256&timestamp=[^&]+&orig=parvis&signature=/,
    );
    expect(signPublikUrl("https://x.example/api/user/forms?NameID=a", KEY, "parvis", NOW)).toMatch(
      /^https:\/\/x\.example\/api\/user\/forms\?NameID=a&algo=sha256&/,
    );
  });

  it("verifies good signatures, including Publik's own encoding (slash left unencoded, nonce)", () => {
    const signed = signPublikQuery(QUERY, KEY, "parvis", NOW);
    const result = verifyPublikQuery(signed, keys, { now: NOW });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.params.get("NameID")).toBe("52e3955aa90f4e379dfa3c802b35f43b");
    const publikStyle = signed.replaceAll("%2F", "/");
    expect(verifyPublikQuery(publikStyle, keys, { now: NOW }).ok).toBe(true);
    const withNonce = signPublikQuery(QUERY, KEY, "parvis", NOW, { nonce: "abc" });
    const seen = new Set<string>();
    const seenNonce = (nonce: string) => {
      if (seen.has(nonce)) return true;
      seen.add(nonce);
      return false;
    };
    expect(verifyPublikQuery(withNonce, keys, { now: NOW, seenNonce }).ok).toBe(true);
    expect(verifyPublikQuery(withNonce, keys, { now: NOW, seenNonce })).toEqual({
      ok: false,
      reason: "replayed-nonce",
    });
  });

  it("refuses tampering, stale timestamps, unknown origins and a missing signature", () => {
    const signed = signPublikQuery(QUERY, KEY, "parvis", NOW);
    expect(
      verifyPublikQuery(signed.replace("include-drafts=true", "include-drafts=false"), keys, { now: NOW }),
    ).toEqual({ ok: false, reason: "bad-signature" });
    expect(verifyPublikQuery(`${signed}&NameID=other`, keys, { now: NOW }).ok).toBe(false);
    expect(verifyPublikQuery(signed, keys, { now: new Date(NOW.getTime() + 31_000) })).toEqual({
      ok: false,
      reason: "expired-timestamp",
    });
    expect(verifyPublikQuery(signed, keys, { now: new Date(NOW.getTime() - 29_000) }).ok).toBe(true);
    expect(verifyPublikQuery(signPublikQuery(QUERY, KEY, "someone", NOW), keys, { now: NOW })).toEqual({
      ok: false,
      reason: "unknown-orig",
    });
    expect(verifyPublikQuery(signPublikQuery(QUERY, "other-key", "parvis", NOW), keys, { now: NOW })).toEqual(
      {
        ok: false,
        reason: "bad-signature",
      },
    );
    expect(verifyPublikQuery(QUERY, keys, { now: NOW })).toEqual({ ok: false, reason: "missing-signature" });
  });
});
