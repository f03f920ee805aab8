import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authorize,
  authorizeUrl,
  basicAuth,
  exchangeCode,
  http,
  pkcePair,
  REDIRECT_URI,
  tokenRequest,
} from "../../tests/support/simulatorHttp.ts";
import {
  DEFAULT_API_AUDIENCE,
  DEFAULT_PARTNER_CLIENT_SECRET,
  DEFAULT_PLATFORM_CLIENT_SECRET,
  defaultClients,
  type MonStrasbourgSimulator,
  startMonStrasbourgSimulator,
} from "./index.ts";

interface TokenResponse {
  access_token: string;
  id_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

describe("MonStrasbourg.eu simulator — OpenID Connect (RS256)", () => {
  let sim: MonStrasbourgSimulator;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  beforeAll(async () => {
    sim = await startMonStrasbourgSimulator({
      clients: [
        ...defaultClients(),
        {
          clientId: "parvis-mobile",
          redirectUris: ["http://127.0.0.1:4000/mobile/callback"],
          grantTypes: ["authorization_code"],
          scopes: ["openid", "profile"],
        },
      ],
    });
    jwks = createRemoteJWKSet(new URL(`${sim.url}/idp/oidc/certs/`));
  });
  afterAll(async () => {
    await sim.close();
  });

  it("publishes an Authentic2-style discovery document", async () => {
    const response = await http(`${sim.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.issuer).toBe(`${sim.url}/`);
    expect(sim.issuer).toBe(doc.issuer);
    expect(doc.authorization_endpoint).toBe(`${sim.url}/idp/oidc/authorize/`);
    expect(doc.token_endpoint).toBe(`${sim.url}/idp/oidc/token/`);
    expect(doc.userinfo_endpoint).toBe(`${sim.url}/idp/oidc/user_info/`);
    expect(doc.jwks_uri).toBe(`${sim.url}/idp/oidc/certs/`);
    expect(doc.end_session_endpoint).toBe(`${sim.url}/idp/oidc/logout/`);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post"]),
    );
    expect(doc.grant_types_supported).toEqual(
      expect.arrayContaining(["authorization_code", "client_credentials", "refresh_token"]),
    );
    expect(doc.response_types_supported).toEqual(["code"]);
    expect(doc.claims_supported).toEqual(
      expect.arrayContaining(["accord_placit", "roles", "eurometropole_resident"]),
    );
  });

  it("publishes RSA and EC keys with kid, alg and use", async () => {
    const { keys } = await (await http(`${sim.url}/idp/oidc/certs/`)).json();
    expect(keys.map((key: { alg: string }) => key.alg).sort()).toEqual(["ES256", "RS256"]);
    for (const key of keys) {
      expect(key.kid).toEqual(expect.any(String));
      expect(key.use).toBe("sig");
      expect(key.d).toBeUndefined();
    }
  });

  it("runs the authorization-code flow with PKCE and issues verifiable tokens", async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await authorize(sim, {
      persona: "resident",
      nonce: "nonce-42",
      state: "xyz",
      challenge,
    });
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("state")).toBe("xyz");
    expect(callback.searchParams.get("iss")).toBe(sim.issuer);
    const code = callback.searchParams.get("code") as string;
    expect(code).toBeTruthy();

    const response = await exchangeCode(sim, code, verifier);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const tokens = (await response.json()) as TokenResponse;
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const resident = sim.persona("resident");
    const { payload: idToken, protectedHeader } = await jwtVerify(tokens.id_token, jwks, {
      issuer: sim.issuer,
      audience: "parvis",
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(idToken.sub).toBe(resident.uuid);
    expect(idToken.nonce).toBe("nonce-42");
    expect(idToken.given_name).toBe("Camille");
    expect(idToken.family_name).toBe("Muller");
    expect(idToken.email).toBe("camille.muller@example.org");
    expect(idToken.email_verified).toBe(true);
    expect(idToken.accord_placit).toBe("true");
    expect(idToken.eurometropole_resident).toBe(true);
    expect(idToken.roles).toEqual([]);
    expect(idToken.sid).toEqual(expect.any(String));

    const { payload: access, protectedHeader: accessHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: sim.issuer,
      audience: DEFAULT_API_AUDIENCE,
      typ: "at+jwt",
    });
    expect(accessHeader.typ).toBe("at+jwt");
    expect(access.sub).toBe(resident.uuid);
    expect(access.client_id).toBe("parvis");
    expect(access.scope).toBe("openid profile email roles");
    expect(access.accord_placit).toBe("true");
    expect(access.email).toBeUndefined();
    expect(access.given_name).toBeUndefined();

    const userinfo = await http(`${sim.url}/idp/oidc/user_info/`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    const claims = await userinfo.json();
    expect(claims).toMatchObject({ sub: resident.uuid, given_name: "Camille", accord_placit: "true" });
  });

  it("gives staff personas their roles and service", async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await authorize(sim, { persona: "moderator", challenge });
    const tokens = (await (
      await exchangeCode(sim, callback.searchParams.get("code") as string, verifier, { method: "post" })
    ).json()) as TokenResponse;
    const { payload } = await jwtVerify(tokens.id_token, jwks, { issuer: sim.issuer, audience: "parvis" });
    expect(payload.roles).toEqual(["parvis-staff", "parvis-moderator"]);
    expect(payload.service).toBe("DMEPN");
  });

  it("refuses a wrong code_verifier, then the burnt code", async () => {
    const { challenge } = pkcePair();
    const callback = await authorize(sim, { persona: "resident", challenge });
    const code = callback.searchParams.get("code") as string;
    const wrong = await exchangeCode(sim, code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toBe("invalid_grant");
  });

  it("refuses a reused code and revokes the tokens it produced", async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await authorize(sim, { persona: "resident", challenge });
    const code = callback.searchParams.get("code") as string;
    const first = await exchangeCode(sim, code, verifier);
    expect(first.status).toBe(200);
    const { access_token } = (await first.json()) as TokenResponse;
    const second = await exchangeCode(sim, code, verifier);
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ error: "invalid_grant" });
    const userinfo = await http(`${sim.url}/idp/oidc/user_info/`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(userinfo.status).toBe(401);
  });

  it("requires PKCE S256 from public clients and accepts them without a secret", async () => {
    const redirectUri = "http://127.0.0.1:4000/mobile/callback";
    const mobile = { persona: "resident", clientId: "parvis-mobile", redirectUri, scope: "openid profile" };
    const withoutPkce = await authorize(sim, mobile);
    expect(withoutPkce.searchParams.get("error")).toBe("invalid_request");
    const plain = await authorize(sim, {
      ...mobile,
      extra: { code_challenge: "a".repeat(43), code_challenge_method: "plain" },
    });
    expect(plain.searchParams.get("error")).toBe("invalid_request");

    const { verifier, challenge } = pkcePair();
    const callback = await authorize(sim, {
      persona: "visitor",
      clientId: "parvis-mobile",
      redirectUri,
      scope: "openid profile",
      challenge,
    });
    const response = await exchangeCode(
      sim,
      callback.searchParams.get("code") as string,
      verifier,
      { clientId: "parvis-mobile", method: "none" },
      redirectUri,
    );
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as TokenResponse;
    const { payload } = await jwtVerify(tokens.id_token, jwks, {
      issuer: sim.issuer,
      audience: "parvis-mobile",
    });
    expect(payload.accord_placit).toBe("false");
    expect(payload.email).toBeUndefined();
  });

  it("answers 400 without redirecting for an unknown client or redirect_uri", async () => {
    const unknownClient = await http(authorizeUrl(sim, { clientId: "nobody" }), { redirect: "manual" });
    expect(unknownClient.status).toBe(400);
    const badRedirect = await http(authorizeUrl(sim, { redirectUri: "https://evil.example/cb" }), {
      redirect: "manual",
    });
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.get("location")).toBeNull();
    expect(await badRedirect.text()).toContain("https://evil.example/cb");
  });

  it("redirects RFC 6749 errors with the state when the redirect_uri is valid", async () => {
    const badScope = await authorize(sim, { persona: "resident", scope: "profile", state: "s1" });
    expect(badScope.searchParams.get("error")).toBe("invalid_scope");
    expect(badScope.searchParams.get("state")).toBe("s1");
    const badType = await authorize(sim, { persona: "resident", extra: { response_type: "token" } });
    expect(badType.searchParams.get("error")).toBe("unsupported_response_type");
    const cancelled = await authorize(sim, { extra: { cancel: "1" } });
    expect(cancelled.searchParams.get("error")).toBe("access_denied");
    const silent = await authorize(sim, { extra: { prompt: "none" } });
    expect(silent.searchParams.get("error")).toBe("login_required");
  });

  it("renders an escaped persona chooser when no login_hint is given", async () => {
    const response = await http(authorizeUrl(sim, { state: '<script>alert("x")</script>' }), {
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("login_hint=resident");
    expect(html).toContain("Camille Muller");
  });

  it("keeps a browser session: a second authorize with the cookie needs no login_hint", async () => {
    const first = await http(authorizeUrl(sim, { persona: "agent", challenge: pkcePair().challenge }), {
      redirect: "manual",
    });
    const cookie = (first.headers.get("set-cookie") as string).split(";")[0] as string;
    const { verifier, challenge } = pkcePair();
    const second = await http(authorizeUrl(sim, { challenge }), { redirect: "manual", headers: { cookie } });
    expect(second.status).toBe(302);
    const code = new URL(second.headers.get("location") as string).searchParams.get("code") as string;
    const tokens = (await (await exchangeCode(sim, code, verifier)).json()) as TokenResponse;
    const { payload } = await jwtVerify(tokens.id_token, jwks, { issuer: sim.issuer, audience: "parvis" });
    expect(payload.sub).toBe(sim.persona("agent").uuid);
  });

  it("issues client-credentials tokens to the partner, without a person", async () => {
    const response = await tokenRequest(
      sim,
      { grant_type: "client_credentials", scope: "reports:read reports:write" },
      { clientId: "ems-partner", secret: DEFAULT_PARTNER_CLIENT_SECRET },
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.scope).toBe("reports:read reports:write");
    expect(body.id_token).toBeUndefined();
    const { payload } = await jwtVerify(body.access_token, jwks, {
      issuer: sim.issuer,
      audience: DEFAULT_API_AUDIENCE,
      typ: "at+jwt",
    });
    expect(payload.client_id).toBe("ems-partner");
    expect(payload.sub).toBeUndefined();
    expect(payload.scope).toBe("reports:read reports:write");

    const all = await (
      await tokenRequest(
        sim,
        { grant_type: "client_credentials" },
        { clientId: "ems-partner", secret: DEFAULT_PARTNER_CLIENT_SECRET, method: "post" },
      )
    ).json();
    expect(all.scope).toBe("reports:read reports:write directory:write");

    const tooMuch = await tokenRequest(
      sim,
      { grant_type: "client_credentials", scope: "reports:read admin" },
      { clientId: "ems-partner", secret: DEFAULT_PARTNER_CLIENT_SECRET },
    );
    expect((await tooMuch.json()).error).toBe("invalid_scope");

    const userinfo = await http(`${sim.url}/idp/oidc/user_info/`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(userinfo.status).toBe(403);
  });

  it("answers token errors as RFC 6749 JSON", async () => {
    const wrongSecret = await tokenRequest(
      sim,
      { grant_type: "client_credentials" },
      { clientId: "ems-partner", secret: "nope" },
    );
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.headers.get("www-authenticate")).toContain("Basic");
    expect((await wrongSecret.json()).error).toBe("invalid_client");

    const unsupported = await tokenRequest(sim, { grant_type: "password", username: "x", password: "y" });
    expect(unsupported.status).toBe(400);
    expect((await unsupported.json()).error).toBe("unsupported_grant_type");

    const notAllowed = await tokenRequest(sim, { grant_type: "client_credentials" });
    expect((await notAllowed.json()).error).toBe("unauthorized_client");

    const unknownCode = await exchangeCode(sim, "00000000-0000-0000-0000-000000000000", undefined);
    expect((await unknownCode.json()).error).toBe("invalid_grant");

    const json = await http(`${sim.url}/idp/oidc/token/`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: basicAuth("parvis", DEFAULT_PLATFORM_CLIENT_SECRET),
      },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    expect(json.status).toBe(400);
    expect((await json.json()).error).toBe("invalid_request");
  });

  it("refreshes tokens and rotates the refresh token", async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await authorize(sim, { persona: "resident", challenge });
    const tokens = (await (
      await exchangeCode(sim, callback.searchParams.get("code") as string, verifier)
    ).json()) as TokenResponse;
    const refreshed = await tokenRequest(sim, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token as string,
    });
    expect(refreshed.status).toBe(200);
    const body = await refreshed.json();
    expect(body.refresh_token).not.toBe(tokens.refresh_token);
    const { payload } = await jwtVerify(body.access_token, jwks, {
      issuer: sim.issuer,
      audience: DEFAULT_API_AUDIENCE,
    });
    expect(payload.sub).toBe(sim.persona("resident").uuid);
    const bogus = await tokenRequest(sim, { grant_type: "refresh_token", refresh_token: "nope" });
    expect((await bogus.json()).error).toBe("invalid_grant");
  });

  it("rejects userinfo calls without or with a bad bearer token", async () => {
    const none = await http(`${sim.url}/idp/oidc/user_info/`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    const bad = await http(`${sim.url}/idp/oidc/user_info/`, {
      headers: { authorization: "Bearer abc.def.ghi" },
    });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error).toBe("invalid_token");
  });

  it("logs out with id_token_hint and post_logout_redirect_uri, ending the session", async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await authorize(sim, { persona: "dpo", challenge });
    const tokens = (await (
      await exchangeCode(sim, callback.searchParams.get("code") as string, verifier)
    ).json()) as TokenResponse;
    const userinfo = () =>
      http(`${sim.url}/idp/oidc/user_info/`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
    expect((await userinfo()).status).toBe(200);

    const logout = await http(
      `${sim.url}/idp/oidc/logout/?${new URLSearchParams({
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: "http://localhost:4000/",
        state: "bye",
      })}`,
      { redirect: "manual" },
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get("location")).toBe("http://localhost:4000/?state=bye");
    expect((await userinfo()).status).toBe(401);

    const refused = await http(
      `${sim.url}/idp/oidc/logout/?${new URLSearchParams({ post_logout_redirect_uri: "https://evil.example/" })}`,
      { redirect: "manual" },
    );
    expect(refused.status).toBe(400);
    const page = await http(`${sim.url}/idp/oidc/logout/`);
    expect(page.status).toBe(200);
  });

  it("keeps rotated keys published for their retention period", async () => {
    const before = await sim.issueToken("resident");
    const oldKid = decodeProtectedHeader(before).kid;
    await sim.rotateKeys();
    const after = await sim.issueToken("resident");
    expect(decodeProtectedHeader(after).kid).not.toBe(oldKid);
    const kids = sim.jwks().keys.map((key) => key.kid);
    expect(kids).toContain(oldKid);
    expect(kids).toHaveLength(4);
    const fresh = createRemoteJWKSet(new URL(`${sim.url}/idp/oidc/certs/`));
    await expect(jwtVerify(before, fresh, { issuer: sim.issuer })).resolves.toBeTruthy();
    await sim.rotateKeys({ retainPreviousSeconds: 0 });
    expect(sim.jwks().keys).toHaveLength(2);
  });
});

describe("MonStrasbourg.eu simulator — HS256 and opaque modes", () => {
  it("signs id_tokens with the client secret in HS256 mode", async () => {
    const sim = await startMonStrasbourgSimulator({ signing: "HS256", platformClientSecret: "s".repeat(40) });
    try {
      const { verifier, challenge } = pkcePair();
      const callback = await authorize(sim, { persona: "resident", nonce: "n-hs", challenge });
      const response = await exchangeCode(sim, callback.searchParams.get("code") as string, verifier, {
        secret: "s".repeat(40),
      });
      expect(response.status).toBe(200);
      const tokens = (await response.json()) as TokenResponse;
      const secret = new TextEncoder().encode("s".repeat(40));
      const { payload, protectedHeader } = await jwtVerify(tokens.id_token, secret, {
        issuer: sim.issuer,
        audience: "parvis",
        algorithms: ["HS256"],
      });
      expect(protectedHeader.alg).toBe("HS256");
      expect(payload.nonce).toBe("n-hs");
      expect(payload.accord_placit).toBe("true");
      await expect(
        jwtVerify(tokens.access_token, secret, { audience: DEFAULT_API_AUDIENCE, algorithms: ["HS256"] }),
      ).resolves.toBeTruthy();
      const userinfo = await http(`${sim.url}/idp/oidc/user_info/`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(userinfo.status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it("issues opaque access tokens usable at user_info in opaque mode", async () => {
    const sim = await startMonStrasbourgSimulator({ accessTokenFormat: "opaque" });
    try {
      const token = await sim.issueToken("visitor", { scope: "openid email" });
      expect(token).toMatch(/^[0-9a-f-]{36}$/);
      const userinfo = await http(`${sim.url}/idp/oidc/user_info/`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await userinfo.json()).toEqual({
        sub: sim.persona("visitor").uuid,
        email: "lucas.bernard@example.org",
        email_verified: false,
      });
    } finally {
      await sim.close();
    }
  });
});
