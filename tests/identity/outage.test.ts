// MonStrasbourg.eu down: tokens already issued keep working (cached keys), local data is served, and profile
// fields come back null with UPSTREAM_UNAVAILABLE in a partial result — never a failed request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { allUpstreamMetrics } from "../../platform/resilience/upstream.ts";

const MIXED = /* GraphQL */ `{
  me { id roles displayName profile { email } }
  quartiers(first: 2) { totalCount edges { node { name participantCount } } }
}`;

type Mixed = {
  me: { id: string; roles: string[]; displayName: string | null; profile: { email: string } | null } | null;
  quartiers: { totalCount: number };
};

describe.each(["503", "reset"] as const)("MonStrasbourg.eu down (%s)", (downMode) => {
  let platform: SignedInPlatform;
  let moderatorToken: string;
  let residentToken: string;
  beforeAll(async () => {
    platform = await startSignedInPlatform();
    residentToken = await platform.token("resident");
    moderatorToken = await platform.token("moderator");
    // The resident signs in while the provider is up: keys and profile are cached.
    const warm = await platform.graphql<Mixed>(MIXED, undefined, { token: residentToken });
    expect(warm.body.errors).toBeUndefined();
    platform.simulator.setFaults({ down: true, downMode });
  });
  afterAll(() => platform?.close());

  it("keeps verifying tokens it already knows the keys of, and serves local data", async () => {
    const { status, body } = await platform.graphql<Mixed>(MIXED, undefined, { token: moderatorToken });
    expect(status).toBe(200);
    expect(body.data?.quartiers.totalCount).toBeGreaterThan(0);
    expect(body.data?.me?.roles).toContain("MODERATOR");
    // The moderator's profile was never fetched: it cannot be shown, and says why, field by field.
    expect(body.data?.me?.displayName).toBeNull();
    expect(body.data?.me?.profile).toBeNull();
    const codes = body.errors?.map((error) => [error.path?.join("."), error.extensions?.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ["me.displayName", "UPSTREAM_UNAVAILABLE"],
        ["me.profile", "UPSTREAM_UNAVAILABLE"],
      ]),
    );
    expect(JSON.stringify(body.errors)).not.toMatch(/ECONNREFUSED|fetch failed|stack/);
  });

  it("serves a profile fetched before the outage (stale-if-error)", async () => {
    const { body } = await platform.graphql<Mixed>(MIXED, undefined, { token: residentToken });
    expect(body.errors).toBeUndefined();
    expect(body.data?.me?.displayName).toBe("Camille M.");
  });

  it("opens the circuit breaker instead of waiting on every request", async () => {
    for (let i = 0; i < 6; i++) await platform.graphql(MIXED, undefined, { token: moderatorToken });
    expect(allUpstreamMetrics().monstrasbourg?.breaker).toBe("open");
    const started = performance.now();
    const { status } = await platform.graphql(MIXED, undefined, { token: moderatorToken });
    expect(status).toBe(200);
    // Not a timing assertion on the platform's speed: only that no call waited for the upstream's timeout.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
