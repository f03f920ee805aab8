// Rate limits: per IP, per account, and tighter on the mutations that matter; RATE_LIMITED with the delay to
// wait, HTTP 429 and Retry-After. Counted in the run's cache (in-process, or Redis in the services run).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";

describe("rate limits", () => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform({
      env: {
        RATE_LIMIT_PER_IP: "40",
        RATE_LIMIT_PER_ACCOUNT: "8",
        RATE_LIMIT_WINDOW_SECONDS: "60",
        RATE_LIMIT_SENSITIVE_MUTATIONS: "chooseHomeQuartier",
        RATE_LIMIT_SENSITIVE_PER_HOUR: "2",
      },
    });
  });
  afterAll(() => platform?.close());

  it("limits an account, says how long to wait, and leaves other accounts alone", async () => {
    const resident = await platform.token("resident");
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<SignedInPlatform["graphql"]>> | undefined;
    for (let i = 0; i < 10; i++) {
      const answer = await platform.graphql("{ me { id } }", undefined, { token: resident });
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429]);
    const error = limited?.body.errors?.[0];
    expect(error?.extensions?.code).toBe("RATE_LIMITED");
    expect(error?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(error?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);

    const other = await platform.graphql("{ me { id } }", undefined, {
      token: await platform.token("moderator"),
    });
    expect(other.status).toBe(200);
  });

  it("sends Retry-After", async () => {
    const response = await fetch(platform.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await platform.token("resident")}`,
      },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limits the mutations that matter more tightly", async () => {
    const token = await platform.token("visitor");
    const mutation = "mutation { chooseHomeQuartier(quartierId: null) { __typename } }";
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const { body } = await platform.graphql(mutation, undefined, { token });
      codes.push(body.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual([undefined, undefined, "RATE_LIMITED"]);
  });

  it("limits an address whatever the accounts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await platform.graphql("{ __typename }")).status);
    expect(statuses).toContain(429);
  });
});
