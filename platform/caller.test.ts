import { describe, expect, it } from "vitest";
import {
  ANONYMOUS,
  type CallerHeaderError,
  type SignedRequest,
  SYSTEM,
  signCaller,
  verifyCaller,
} from "./caller.ts";

const secret = "s".repeat(40);
const request: SignedRequest = {
  audience: "notifications",
  method: "POST",
  path: "/graphql",
  body: '{"query":"{ myFollows { id } }"}',
};
const fresh = async () => true;

async function reasonOf(header: string, received: SignedRequest = request, rememberNonce = fresh) {
  try {
    await verifyCaller(header, { secret, maxAgeSeconds: 30, request: received, rememberNonce });
    return "accepted";
  } catch (error) {
    return (error as CallerHeaderError).reason;
  }
}

describe("the v2 caller header", () => {
  it("round-trips the caller for the request it was made for", async () => {
    const header = signCaller(SYSTEM, secret, request);
    expect(header).toMatch(
      /^v2;aud=notifications;ts=\d+;nonce=[\w-]+;bodySha256=[\w-]+;caller=[\w-]+;sig=[\w-]+$/,
    );
    expect(await verifyCaller(header, { secret, maxAgeSeconds: 30, request, rememberNonce: fresh })).toEqual(
      SYSTEM,
    );
  });

  it("says why it refuses", async () => {
    const header = signCaller(ANONYMOUS, secret, request);
    expect(await reasonOf(header, { ...request, audience: "petitions" })).toBe("wrong_audience");
    expect(await reasonOf(header, { ...request, body: '{"query":"{ me { id } }"}' })).toBe(
      "request_mismatch",
    );
    expect(await reasonOf(header, { ...request, path: "/other" })).toBe("bad_signature");
    expect(await reasonOf(header, { ...request, method: "GET" })).toBe("bad_signature");
    expect(
      await reasonOf(header.replace("aud=notifications", "aud=petitions"), {
        ...request,
        audience: "petitions",
      }),
    ).toBe("bad_signature");
    expect(await reasonOf(header, request, async () => false)).toBe("replayed");
    expect(await reasonOf(signCaller(ANONYMOUS, secret, request, Date.now() - 60_000))).toBe("expired");
    expect(await reasonOf(header.replace("v2;", "v1;"))).toBe("malformed");
    expect(await reasonOf(`${header};extra=1`)).toBe("malformed");
    expect(await reasonOf(header)).toBe("accepted");
  });

  it("checks the audience and the body before spending the nonce", async () => {
    const header = signCaller(ANONYMOUS, secret, request);
    let spent = 0;
    const remember = async () => {
      spent++;
      return true;
    };
    await reasonOf(header, { ...request, audience: "identity" }, remember);
    await reasonOf(header, { ...request, body: "{}" }, remember);
    expect(spent).toBe(0);
  });
});

describe("rotation of the signing key", () => {
  const previous = "p".repeat(40);
  const verifyWith = async (header: string, keys: { secret: string; previousSecret?: string }) => {
    try {
      await verifyCaller(header, { ...keys, maxAgeSeconds: 30, request, rememberNonce: fresh });
      return "accepted";
    } catch (error) {
      return (error as CallerHeaderError).reason;
    }
  };

  it("accepts a header signed with the previous key while it is declared, not after it is removed", async () => {
    const signedBeforeTheRotation = signCaller(ANONYMOUS, previous, request);
    expect(await verifyWith(signedBeforeTheRotation, { secret, previousSecret: previous })).toBe("accepted");
    expect(await verifyWith(signedBeforeTheRotation, { secret })).toBe("bad_signature");
  });

  it("accepts the current key during the rotation and still refuses any other", async () => {
    expect(
      await verifyWith(signCaller(ANONYMOUS, secret, request), { secret, previousSecret: previous }),
    ).toBe("accepted");
    const forged = signCaller(SYSTEM, "f".repeat(40), request);
    expect(await verifyWith(forged, { secret, previousSecret: previous })).toBe("bad_signature");
    const tampered = signCaller(ANONYMOUS, previous, request).replace(
      /caller=[\w-]+/,
      `caller=${Buffer.from(JSON.stringify(SYSTEM)).toString("base64url")}`,
    );
    expect(await verifyWith(tampered, { secret, previousSecret: previous })).toBe("bad_signature");
  });
});
