import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicAuth, http } from "../../tests/support/simulatorHttp.ts";
import {
  DEFAULT_PLATFORM_CLIENT_SECRET,
  DEFAULT_PUBLIK_SIGNATURE_KEYS,
  DEFAULT_REST_API_CREDENTIALS,
  type MonStrasbourgSimulator,
  signPublikQuery,
  startMonStrasbourgSimulator,
} from "./index.ts";

const API = basicAuth(DEFAULT_REST_API_CREDENTIALS.username, DEFAULT_REST_API_CREDENTIALS.password);
const SIGNING_KEY = DEFAULT_PUBLIK_SIGNATURE_KEYS.parvis as string;

describe("MonStrasbourg.eu simulator — Publik REST API", () => {
  let sim: MonStrasbourgSimulator;

  beforeAll(async () => {
    sim = await startMonStrasbourgSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  describe("GET /api/users/{uuid}/", () => {
    it("returns the account with HTTP Basic, never a password", async () => {
      const resident = sim.persona("resident");
      const response = await http(`${sim.url}/api/users/${resident.uuid}/`, {
        headers: { authorization: API },
      });
      expect(response.status).toBe(200);
      const user = await response.json();
      expect(user).toMatchObject({
        uuid: resident.uuid,
        username: "camille.muller",
        first_name: "Camille",
        last_name: "Muller",
        email: "camille.muller@example.org",
        email_verified: true,
        accord_placit: "true",
        zipcode: "67100",
        city: "Strasbourg",
      });
      expect(user.date_joined).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(user).not.toHaveProperty("password");
    });

    it("accepts the API-enabled OIDC client's credentials and a signed query string", async () => {
      const agent = sim.persona("agent");
      const viaClient = await http(`${sim.url}/api/users/${agent.uuid}/`, {
        headers: { authorization: basicAuth("parvis", DEFAULT_PLATFORM_CLIENT_SECRET) },
      });
      expect(viaClient.status).toBe(200);
      expect((await viaClient.json()).roles).toEqual([expect.objectContaining({ slug: "parvis-staff" })]);
      const signed = signPublikQuery("", SIGNING_KEY, "parvis");
      const viaSignature = await http(`${sim.url}/api/users/${agent.uuid}/?${signed}`);
      expect(viaSignature.status).toBe(200);
    });

    it("answers 401 without or with wrong credentials, and 404 for unknown accounts", async () => {
      const uuid = sim.persona("resident").uuid;
      const missing = await http(`${sim.url}/api/users/${uuid}/`);
      expect(missing.status).toBe(401);
      expect(missing.headers.get("www-authenticate")).toContain("Basic");
      const wrong = await http(`${sim.url}/api/users/${uuid}/`, {
        headers: { authorization: basicAuth("parvis-api", "wrong") },
      });
      expect(wrong.status).toBe(401);
      const unknown = await http(`${sim.url}/api/users/${"0".repeat(32)}/`, {
        headers: { authorization: API },
      });
      expect(unknown.status).toBe(404);
    });

    it("redirects the slash-less URL like Django's APPEND_SLASH", async () => {
      const uuid = sim.persona("resident").uuid;
      const response = await http(`${sim.url}/api/users/${uuid}`, {
        redirect: "manual",
        headers: { authorization: API },
      });
      expect(response.status).toBe(301);
      expect(response.headers.get("location")).toBe(`/api/users/${uuid}/`);
    });
  });

  describe("GET /api/user/forms (signed)", () => {
    const formsUrl = (query: string) => `${sim.url}/api/user/forms?${query}`;

    it("lists the person's forms for a good signature", async () => {
      const uuid = sim.persona("resident").uuid;
      const response = await http(formsUrl(signPublikQuery(`NameID=${uuid}`, SIGNING_KEY, "parvis")));
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.err).toBe(0);
      expect(body.data).toHaveLength(2);
      expect(body.data[0]).toMatchObject({ name: "Signalement sur l'espace public", draft: false });
      expect(body.data[0].fields).toBeUndefined();

      const withDrafts = await (
        await http(
          formsUrl(signPublikQuery(`NameID=${uuid}&include-drafts=true&full=on`, SIGNING_KEY, "parvis")),
        )
      ).json();
      expect(withDrafts.data).toHaveLength(3);
      expect(withDrafts.data.some((form: { draft: boolean }) => form.draft)).toBe(true);
      expect(withDrafts.data[0].fields).toEqual(expect.any(Object));
    });

    it("answers 403 for a tampered signature, a stale timestamp, an unknown orig or no signature", async () => {
      const uuid = sim.persona("resident").uuid;
      const good = signPublikQuery(`NameID=${uuid}`, SIGNING_KEY, "parvis");
      const tampered = good.replace(`NameID=${uuid}`, `NameID=${sim.persona("visitor").uuid}`);
      const stale = signPublikQuery(
        `NameID=${uuid}`,
        SIGNING_KEY,
        "parvis",
        new Date(Date.now() - 5 * 60_000),
      );
      const otherKey = signPublikQuery(`NameID=${uuid}`, "not-the-key", "parvis");
      const unknownOrig = signPublikQuery(`NameID=${uuid}`, SIGNING_KEY, "stranger");
      for (const query of [tampered, stale, otherKey, unknownOrig, `NameID=${uuid}`]) {
        const response = await http(formsUrl(query));
        expect(response.status, query).toBe(403);
        expect((await response.json()).err).toBe(1);
      }
    });

    it("answers 403 for an unknown NameID", async () => {
      const response = await http(
        formsUrl(signPublikQuery(`NameID=${"f".repeat(32)}`, SIGNING_KEY, "parvis")),
      );
      expect(response.status).toBe(403);
    });
  });

  describe("POST /api/users/synchronization/ and account deletion", () => {
    it("reports the accounts that no longer exist", async () => {
      const sync = (known: unknown, authorization = API) =>
        http(`${sim.url}/api/users/synchronization/`, {
          method: "POST",
          headers: { authorization, "content-type": "application/json" },
          body: JSON.stringify(known),
        });
      const visitor = sim.persona("visitor");
      const resident = sim.persona("resident");
      const ghost = "1".repeat(32);

      const before = await sync({ known_uuids: [visitor.uuid, resident.uuid, ghost] });
      expect(before.status).toBe(200);
      expect(await before.json()).toEqual({ err: 0, result: 1, unknown_uuids: [ghost] });

      expect(sim.deleteAccount(visitor.uuid)).toBe(true);
      const after = await (await sync({ known_uuids: [visitor.uuid, resident.uuid, ghost] })).json();
      expect(after.unknown_uuids.sort()).toEqual([visitor.uuid, ghost].sort());
      const gone = await http(`${sim.url}/api/users/${visitor.uuid}/`, { headers: { authorization: API } });
      expect(gone.status).toBe(404);
      expect(sim.personas.map((persona) => persona.key)).not.toContain("visitor");

      expect((await sync({ known_uuids: "nope" })).status).toBe(400);
      expect((await sync({ known_uuids: [] }, basicAuth("x", "y"))).status).toBe(401);

      const admin = await http(`${sim.url}/__simulator/accounts/${resident.uuid}/delete`, {
        method: "POST",
      });
      expect(admin.status).toBe(200);
      expect((await (await sync({ known_uuids: [resident.uuid] })).json()).unknown_uuids).toEqual([
        resident.uuid,
      ]);

      sim.restoreAccounts();
      expect(
        (await (await sync({ known_uuids: [resident.uuid, visitor.uuid] })).json()).unknown_uuids,
      ).toEqual([]);
    });
  });
});
