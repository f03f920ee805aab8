// Sign-in through MonStrasbourg.eu, end to end: every persona's `me` with roles, and staff-only fields refused
// to citizens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";

const ME = /* GraphQL */ `{ me { id displayName roles verificationLevel profile { givenName familyName email } } }`;

type Me = {
  me: {
    id: string;
    displayName: string | null;
    roles: string[];
    verificationLevel: string;
    profile: { givenName: string | null; email: string | null } | null;
  } | null;
};

describe("me, for each persona", () => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform();
  });
  afterAll(() => platform?.close());

  it.each([
    ["resident", ["CITIZEN"], "RESIDENT_VERIFIED", "Camille M."],
    ["visitor", ["CITIZEN"], "UNVERIFIED", "Lucas B."],
    ["agent", ["CITIZEN", "STAFF"], "EMAIL_VERIFIED", "Sophie S."],
    ["moderator", ["CITIZEN", "STAFF", "MODERATOR"], "RESIDENT_VERIFIED", undefined],
    ["dpo", ["CITIZEN", "STAFF", "DPO"], "EMAIL_VERIFIED", undefined],
    ["admin", ["CITIZEN", "STAFF", "ADMIN"], "RESIDENT_VERIFIED", undefined],
  ])("%s", async (persona, roles, verificationLevel, displayName) => {
    const { status, body } = await platform.graphql<Me>(ME, undefined, {
      token: await platform.token(persona),
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const me = body.data?.me;
    expect(me?.roles).toEqual(roles);
    expect(me?.verificationLevel).toBe(verificationLevel);
    expect(me?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The pseudonymous id never contains the upstream subject.
    expect(me?.id.replaceAll("-", "")).not.toBe(platform.simulator.persona(persona).uuid);
    if (displayName) expect(me?.displayName).toBe(displayName);
    expect(me?.profile?.email).toContain("@");
  });

  it("gives the same pseudonymous id on every sign-in", async () => {
    const first = await platform.graphql<Me>(ME, undefined, { token: await platform.token("resident") });
    const second = await platform.graphql<Me>(ME, undefined, { token: await platform.token("resident") });
    expect(first.body.data?.me?.id).toBe(second.body.data?.me?.id);
  });

  it("answers me with null for anonymous callers and partner services", async () => {
    expect((await platform.graphql<Me>("{ me { id } }")).body.data?.me).toBeNull();
    const partner = await platform.graphql<Me>("{ me { id } }", undefined, {
      token: await platform.token("ems-partner"),
    });
    expect(partner.body.errors).toBeUndefined();
    expect(partner.body.data?.me).toBeNull();
  });

  it("lets staff look an account up (its profile: the DPO only), and refuses citizens with FORBIDDEN", async () => {
    const resident = await platform.graphql<Me>(ME, undefined, { token: await platform.token("resident") });
    const id = resident.body.data?.me?.id;
    const query = `query($id: ID!) { account(id: $id) { id roles profile { familyName } } }`;

    const asDpo = await platform.graphql(query, { id }, { token: await platform.token("dpo") });
    expect(asDpo.body.errors).toBeUndefined();
    expect(asDpo.body.data).toMatchObject({
      account: { id, roles: ["CITIZEN"], profile: { familyName: "Muller" } },
    });
    const asAgent = await platform.graphql(query, { id }, { token: await platform.token("agent") });
    expect(asAgent.body.data).toMatchObject({ account: { id, roles: ["CITIZEN"], profile: null } });
    expect(asAgent.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);

    const asVisitor = await platform.graphql(query, { id }, { token: await platform.token("visitor") });
    expect(asVisitor.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(asVisitor.body.data ?? null)).not.toContain("Muller");

    const anonymous = await platform.graphql(query, { id });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets a person choose their quartier, resolved by the directory", async () => {
    const token = await platform.token("resident");
    const quartiers = await platform.graphql<{
      quartiers: { edges: { node: { id: string; name: string } }[] };
    }>("{ quartiers(first: 1) { edges { node { id name } } } }");
    const quartier = quartiers.body.data?.quartiers.edges[0]?.node;
    const chosen = await platform.graphql(
      `mutation($id: ID) { chooseHomeQuartier(quartierId: $id) {
        __typename ... on HomeQuartierChosen { account { homeQuartier { id name participantCount } } } } }`,
      { id: quartier?.id },
      { token },
    );
    expect(chosen.body.errors).toBeUndefined();
    expect(chosen.body.data).toEqual({
      chooseHomeQuartier: {
        __typename: "HomeQuartierChosen",
        account: { homeQuartier: { id: quartier?.id, name: quartier?.name, participantCount: 1 } },
      },
    });
    const partner = await platform.graphql(
      `mutation { chooseHomeQuartier(quartierId: null) { __typename ... on Problem { message } } }`,
      undefined,
      { token: await platform.token("ems-partner") },
    );
    expect(partner.body.data).toMatchObject({ chooseHomeQuartier: { __typename: "NotAPersonAccount" } });
  });
});
