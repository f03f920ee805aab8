// Partner subscriptions through GraphQL: malformed ones are refused with a typed result and store nothing; a
// partner sees and deletes only its own; citizens cannot manage webhooks, partners cannot follow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
  __typename ... on Problem { message } ... on UnknownEventType { eventType } ... on MissingScope { scope }
  ... on WebhookSubscriptionCreated { secret subscription { id url eventTypes filter } } } }`;

describe("notifications: webhook subscriptions and follows", () => {
  let platform: SignedInPlatform;
  let partner: string;
  let resident: string;

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    partner = await platform.token("ems-partner");
    resident = await platform.token("resident");
  }, 180_000);
  afterAll(async () => platform?.close());

  const create = (input: Record<string, unknown>, token = partner) =>
    platform.graphql<{ createWebhookSubscription: Record<string, unknown> }>(CREATE, { input }, { token });
  const count = async () =>
    (
      await platform.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notifications.webhook_subscription",
      )
    )[0]?.n;

  it("refuses malformed subscriptions with a typed result, storing nothing", async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ url: "pas une url", eventTypes: ["report.status_changed"] }, "InvalidWebhookUrl"],
      [
        { url: "ftp://partenaire.example/events", eventTypes: ["report.status_changed"] },
        "InvalidWebhookUrl",
      ],
      [{ url: "https://partenaire.example/events", eventTypes: ["report.exploded"] }, "UnknownEventType"],
      [{ url: "https://partenaire.example/events", eventTypes: ["petition.answered"] }, "MissingScope"],
    ];
    for (const [input, typename] of cases) {
      const { body } = await create(input);
      expect(body.data?.createWebhookSubscription.__typename).toBe(typename);
    }
    expect(await count()).toBe(before);
  });

  it("refuses plain http and private addresses under production rules", async () => {
    const production = await startSignedInPlatform({ productionRules: true });
    try {
      const token = await production.token("ems-partner");
      const ask = (url: string) =>
        production.graphql<{ createWebhookSubscription: { __typename: string } }>(
          CREATE,
          { input: { url, eventTypes: ["report.status_changed"] } },
          { token },
        );
      expect(
        (await ask("http://partenaire.example/events")).body.data?.createWebhookSubscription.__typename,
      ).toBe("InsecureWebhookUrl");
      for (const url of [
        "https://127.0.0.1/x",
        "https://10.1.2.3/x",
        "https://[::1]/x",
        "https://localhost/x",
      ]) {
        expect((await ask(url)).body.data?.createWebhookSubscription.__typename).toBe(
          "PrivateWebhookAddress",
        );
      }
    } finally {
      await production.close();
    }
  }, 120_000);

  it("lets a partner create, list and delete its own subscriptions only", async () => {
    const { body } = await create({
      url: "https://partenaire.example/events",
      eventTypes: ["report.status_changed"],
      filters: [{ field: "serviceCode", value: "DMEPN" }],
    });
    const created = body.data?.createWebhookSubscription as {
      __typename: string;
      secret: string;
      subscription: { id: string; filter: string };
    };
    expect(created.__typename).toBe("WebhookSubscriptionCreated");
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(created.subscription.filter)).toEqual({ serviceCode: "DMEPN" });
    const list = await platform.graphql<{ myWebhookSubscriptions: { id: string }[] }>(
      "{ myWebhookSubscriptions { id url eventTypes } }",
      undefined,
      { token: partner },
    );
    expect(list.body.data?.myWebhookSubscriptions.map((s) => s.id)).toContain(created.subscription.id);
    // A citizen can neither list nor create webhooks.
    const citizen = await create(
      { url: "https://x.example/", eventTypes: ["report.status_changed"] },
      resident,
    );
    expect(citizen.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const removed = await platform.graphql<{ deleteWebhookSubscription: boolean }>(
      "mutation($id: ID!) { deleteWebhookSubscription(id: $id) }",
      { id: created.subscription.id },
      { token: partner },
    );
    expect(removed.body.data?.deleteWebhookSubscription).toBe(true);
  });

  it("lets a citizen follow and unfollow, refuses partners, and erases follows with the account", async () => {
    const subjectId = "0193a1b2-0000-7000-8000-000000000042";
    const follow = await platform.graphql<{ follow: { kind: string; subjectId: string } }>(
      "mutation($id: ID!) { follow(kind: PETITION, subjectId: $id) { id kind subjectId } }",
      { id: subjectId },
      { token: resident },
    );
    expect(follow.body.data?.follow).toMatchObject({ kind: "PETITION", subjectId });
    const mine = await platform.graphql<{ myFollows: { subjectId: string }[] }>(
      "{ myFollows { subjectId kind } }",
      undefined,
      { token: resident },
    );
    expect(mine.body.data?.myFollows.map((f) => f.subjectId)).toEqual([subjectId]);
    const refused = await platform.graphql(
      "mutation($id: ID!) { follow(kind: PETITION, subjectId: $id) { id } }",
      { id: subjectId },
      { token: partner },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const bad = await platform.graphql(
      `mutation { follow(kind: REPORT, subjectId: "x") { id } }`,
      undefined,
      { token: resident },
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unfollow = await platform.graphql<{ unfollow: boolean }>(
      "mutation($id: ID!) { unfollow(kind: PETITION, subjectId: $id) }",
      { id: subjectId },
      { token: resident },
    );
    expect(unfollow.body.data?.unfollow).toBe(true);
    // The erasure convention: the platform's job calls _eraseAccountData; the person's follows are gone.
    await platform.graphql(
      "mutation($id: ID!) { follow(kind: QUARTIER, subjectId: $id) { id } }",
      { id: subjectId },
      {
        token: resident,
      },
    );
    const me = await platform.graphql<{ me: { id: string } }>("{ me { id } }", undefined, {
      token: resident,
    });
    const erased = await platform.client.request<{ _eraseAccountData: { erased: number } }>(
      "notifications",
      "mutation($id: ID!) { _eraseAccountData(accountId: $id) { subgraph erased pseudonymised } }",
      { id: me.body.data?.me.id },
    );
    expect(erased._eraseAccountData.erased).toBe(1);
    const after = await platform.graphql<{ myFollows: unknown[] }>("{ myFollows { id } }", undefined, {
      token: resident,
    });
    expect(after.body.data?.myFollows).toEqual([]);
  });

  it("keeps dead-letter operations for administrators", async () => {
    const { body } = await platform.graphql(
      `mutation { replayDeadLetteredEvents(source: "reports") }`,
      undefined,
      { token: resident },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const admin = await platform.token("admin");
    const replay = await platform.graphql<{ replayDeadLetteredEvents: number }>(
      'mutation { replayDeadLetteredEvents(source: "reports") }',
      undefined,
      { token: admin },
    );
    expect(replay.body.data?.replayDeadLetteredEvents).toBe(0);
    const unknown = await platform.graphql(
      'mutation { replayDeadLetteredEvents(source: "identity") }',
      undefined,
      {
        token: admin,
      },
    );
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
