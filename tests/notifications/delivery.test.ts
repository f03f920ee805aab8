// Issue 11, end to end on both backends: report status changes written to the reports outbox reach the resident
// through the Strasbourg.eu simulator (honouring their settings) and a subscribed partner through signed webhooks,
// at least once and in order per report, across a worker killed mid-delivery and a long partner outage; dead
// letters replay. The relay reaches the reports outbox only through its internal operations (`_claimEvents`, …),
// and remembers in its own schema which recipients were served, so a retry never tells them again.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSubgraphServers } from "../../app/platform.ts";
import type { Database } from "../../platform/db/database.ts";
import { httpClient } from "../../platform/internalClient.ts";
import { createSubgraphApp } from "../../platform/subgraphApp.ts";
import { deliveryReceipts } from "../../subgraphs/notifications/adapters/sqlNotificationStore.ts";
import { startNotificationWorker } from "../../subgraphs/notifications/worker.ts";
import {
  deduplicated,
  type NotificationsPlatform,
  type Partner,
  startNotificationsPlatform,
  startPartner,
} from "./support.ts";

const HOUR = 3_600_000;

/** The database as the worker sees it, recording every statement it sends. */
function recording(db: Database, statements: string[]): Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === "query")
        return (sql: string, params?: unknown[]) => {
          statements.push(sql);
          return target.query(sql, params);
        };
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** SQL naming a schema other than the notifications subgraph's own. */
const FOREIGN_SCHEMA = /\b(identity|directory|petitions|budget|reports|staff|public)"?\s*\./i;

describe("notifications: outbox relay, citizens and partners", () => {
  let platform: NotificationsPlatform;
  let partner: Partner;

  beforeAll(async () => {
    platform = await startNotificationsPlatform();
    partner = await startPartner();
    // The partner subscribes through GraphQL; the secret is shown once.
    const { body } = await platform.graphql<{
      createWebhookSubscription: { __typename: string; secret?: string; subscription?: { id: string } };
    }>(
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
        __typename ... on WebhookSubscriptionCreated { secret subscription { id eventTypes filter } } } }`,
      {
        input: {
          url: partner.url,
          eventTypes: ["report.status_changed"],
          filters: [{ field: "serviceCode", value: "DMEPN" }],
        },
      },
      { token: platform.tokens2.partner },
    );
    const created = body.data?.createWebhookSubscription;
    if (created?.__typename !== "WebhookSubscriptionCreated" || !created.secret)
      throw new Error(`subscription refused: ${JSON.stringify(body)}`);
    partner.secret = created.secret;
  }, 180_000);

  afterAll(async () => {
    await partner?.close();
    await platform?.close();
  });

  // Events of the seed data and of earlier tests are delivered (to nobody) so each test sees only its own.
  beforeEach(async () => {
    await platform.advance(1000 * HOUR);
    const relay = platform.relay();
    while ((await platform.pass(relay, async () => {})).claimed > 0);
    partner.received.length = 0;
    partner.down = false;
  });

  const ofReport = (reportId: string) =>
    deduplicated(partner.received).filter((event) => event.subject === `report:${reportId}`);
  const toldAbout = async (reportId: string) =>
    (await platform.sentNotifications()).filter((n) => n.url.endsWith(`/signalements/${reportId}`));

  it("survives a worker killed mid-delivery: the next one resumes, served people are not told again, the partner's duplicate shares its id", async () => {
    const first = await platform.submitReport();
    const second = await platform.submitReport();
    // A neighbour follows the first report: two people to tell about it, besides the partner.
    const visitor = await platform.token("visitor");
    await platform.graphql("{ me { id } }", undefined, { token: visitor });
    await platform.graphql(
      "mutation($id: ID!) { follow(kind: REPORT, subjectId: $id) { id } }",
      { id: first },
      { token: visitor },
    );
    for (const status of ["ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED"]) {
      expect(await platform.changeStatus(first, status)).toBe("ReportStatusChanged");
    }
    expect(await platform.changeStatus(second, "ACKNOWLEDGED")).toBe("ReportStatusChanged");

    // Worker A claims the head of each report, tells both people about the first one, the partner answers 2xx —
    // and A is killed before it can write the partner's receipt down.
    const claimed = await platform.relay().claim();
    const head = claimed.find((event) => event.subject === `report:${first}`);
    if (!head) throw new Error(`the first report's head was not claimed: ${JSON.stringify(claimed)}`);
    const receipts = deliveryReceipts(platform.db);
    let kill = () => {};
    const killed = new Promise<void>((resolve) => {
      kill = resolve;
    });
    const dispatchA = platform.dispatcher({
      receipts: {
        served: (eventId) => receipts.served(eventId),
        record: (eventId, kind, targetId) => {
          if (kind !== "webhook") return receipts.record(eventId, kind, targetId);
          kill();
          return new Promise<void>(() => {}); // the process is gone: this never returns
        },
      },
    });
    void dispatchA(head);
    await killed;
    expect(partner.received.map((event) => event.id)).toEqual([head.id]);
    expect(await toldAbout(first)).toHaveLength(2);

    // While A's lease runs, another worker cannot take A's events, nor the next ones of the same reports.
    const concurrent = await platform.relay().claim();
    expect(concurrent.map((event) => event.id)).not.toEqual(expect.arrayContaining(claimed.map((e) => e.id)));
    expect(concurrent.map((event) => event.subject)).not.toContain(`report:${first}`);

    // Worker B starts after A's lease ended (and the concurrent one's) and drains the outbox.
    await platform.advance(HOUR);
    const later = platform.relay();
    const dispatchB = platform.dispatcher();
    for (let pass = 0; pass < 20 && (await platform.pass(later, dispatchB)).claimed > 0; pass++);

    // The partner got the event A was killed in twice, with the same id; its idempotent consumer keeps one.
    expect(partner.received.filter((event) => event.id === head.id)).toHaveLength(2);
    expect(partner.received.length).toBe(deduplicated(partner.received).length + 1);
    expect(partner.received.every((event) => event.signatureValid)).toBe(true);
    expect(ofReport(first).map((event) => event.data.toStatus)).toEqual([
      "submitted",
      "acknowledged",
      "in_progress",
      "resolved",
    ]);
    expect(ofReport(second).map((event) => event.data.toStatus)).toEqual(["submitted", "acknowledged"]);

    // The resident and the neighbour heard of every change through Strasbourg.eu — each exactly once.
    const notifications = await toldAbout(first);
    expect(new Set(notifications.map((n) => n.description))).toEqual(
      new Set([
        "Le signalement est désormais reçu.",
        "Le signalement est désormais pris en compte.",
        "Le signalement est désormais en cours de traitement.",
        "Le signalement est désormais résolu.",
      ]),
    );
    expect(new Set(notifications.map((n) => n.userId)).size).toBe(2);
    expect(new Set(notifications.map((n) => `${n.userId} ${n.description}`)).size).toBe(notifications.length);
    expect(notifications).toHaveLength(8);
    expect(notifications.every((n) => n.typeId === "PARTICIPATION_SIGNALEMENT")).toBe(true);
    // Nothing is left to deliver, and the receipts of acknowledged events are gone.
    expect(await platform.relay().claim()).toEqual([]);
    const [left] = await platform.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications.delivery_receipt WHERE event_id = $1::uuid",
      [head.id],
    );
    expect(left?.n).toBe(0);
  });

  it("delivers everything, in order, to a partner that was down for days, without telling the resident twice", async () => {
    const reports = [await platform.submitReport(), await platform.submitReport()];
    partner.down = true;
    for (const status of ["ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED"]) {
      for (const id of reports) expect(await platform.changeStatus(id, status)).toBe("ReportStatusChanged");
    }
    // Three simulated days of retries (the outbox's clock moves; the test never waits). Every pass is a new
    // dispatcher, as after a restart: what was served is known from the database only.
    const relay = platform.relay({ maxAttempts: 100, backoffMaxMs: 6 * HOUR });
    for (let hour = 0; hour < 72; hour++) {
      await platform.pass(relay, platform.dispatcher());
      await platform.advance(HOUR);
    }
    expect(partner.refused).toBeGreaterThan(0);
    expect(ofReport(reports[0] as string)).toEqual([]);

    partner.down = false;
    for (let pass = 0; pass < 40; pass++) {
      await platform.advance(6 * HOUR);
      await platform.pass(relay, platform.dispatcher());
    }
    for (const id of reports) {
      expect(ofReport(id).map((event) => event.data.toStatus)).toEqual([
        "submitted",
        "acknowledged",
        "in_progress",
        "resolved",
      ]);
      // Told once per change, though the first event was retried for days because of the partner.
      expect(await toldAbout(id)).toHaveLength(4);
    }
    expect(await relay.deadLettered()).toEqual([]);
  });

  it("dead-letters after the configured attempts, keeps the subject blocked, and lets an administrator replay", async () => {
    const reportId = await platform.submitReport();
    partner.down = true;
    expect(await platform.changeStatus(reportId, "ACKNOWLEDGED")).toBe("ReportStatusChanged");
    const relay = platform.relay({ maxAttempts: 2 });
    const dispatch = platform.dispatcher();
    for (let pass = 0; pass < 6; pass++) {
      await platform.pass(relay, dispatch);
      await platform.advance(HOUR);
    }
    const dead = await relay.deadLettered();
    expect(dead.map((event) => event.subject)).toEqual([`report:${reportId}`]);
    expect(dead[0]?.lastError).toMatch(/webhook answered 503/);
    // The later event of the same report waits behind the dead letter: order is never broken silently.
    partner.down = false;
    await platform.pass(relay, dispatch);
    expect(ofReport(reportId)).toEqual([]);

    // An administrator sees it and replays it through the API (notifications → the reports outbox port).
    const admin = await platform.token("admin");
    const listed = await platform.graphql<{ deadLetteredEvents: { id: string; subject: string }[] }>(
      '{ deadLetteredEvents(source: "reports") { id type subject lastError } }',
      undefined,
      { token: admin },
    );
    expect(listed.body.data?.deadLetteredEvents.map((event) => event.id)).toEqual(dead.map((e) => e.id));
    const replayed = await platform.graphql<{ replayDeadLetteredEvents: number }>(
      'mutation($ids: [ID!]) { replayDeadLetteredEvents(source: "reports", eventIds: $ids) }',
      { ids: dead.map((event) => event.id) },
      { token: admin },
    );
    expect(replayed.body.data?.replayDeadLetteredEvents).toBe(1);
    for (let pass = 0; pass < 5; pass++) await platform.pass(relay, dispatch);
    expect(ofReport(reportId).map((event) => event.data.toStatus)).toEqual(["submitted", "acknowledged"]);
    // The resident was told of each change once, however many attempts the partner needed.
    expect(await toldAbout(reportId)).toHaveLength(2);
  });

  it("honours the resident's Strasbourg.eu settings, while partners still hear of the change", async () => {
    const reportId = await platform.submitReport();
    const relay = platform.relay();
    const dispatch = platform.dispatcher();
    while ((await platform.pass(relay, dispatch)).claimed > 0);
    const [known] = await toldAbout(reportId);
    expect(known).toBeDefined();
    // The resident turns report notifications off on Strasbourg.eu.
    const authorization = `Basic ${Buffer.from("parvis:dev-only-strasbourg-eu-api-password-0123456789").toString("base64")}`;
    const settings = await fetch(
      `${platform.strasbourgEu.url}/api/jsonws/notification.notification/set-user-settings`,
      {
        method: "POST",
        headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          userId: known?.userId ?? "",
          typeIds: "PARTICIPATION_SIGNALEMENT",
          channelIds: "1",
        }),
      },
    );
    expect(await settings.json()).toEqual({ success: "settings updated" });
    const before = (await platform.sentNotifications()).length;
    expect(await platform.changeStatus(reportId, "ACKNOWLEDGED")).toBe("ReportStatusChanged");
    while ((await platform.pass(relay, dispatch)).claimed > 0);
    expect((await platform.sentNotifications()).length).toBe(before);
    expect(ofReport(reportId).map((event) => event.data.toStatus)).toEqual(["submitted", "acknowledged"]);
    // Turned back on for the next tests.
    await fetch(`${platform.strasbourgEu.url}/api/jsonws/notification.notification/set-user-settings`, {
      method: "POST",
      headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ userId: known?.userId ?? "", typeIds: "", channelIds: "1" }),
    });
  });

  it("tells whoever follows a report, through GraphQL follows, besides its reporter", async () => {
    const reportId = await platform.submitReport();
    const visitor = await platform.token("visitor");
    await platform.graphql("{ me { id } }", undefined, { token: visitor });
    const followed = await platform.graphql<{ follow: { subjectId: string } }>(
      "mutation($id: ID!) { follow(kind: REPORT, subjectId: $id) { subjectId } }",
      { id: reportId },
      { token: visitor },
    );
    expect(followed.body.data?.follow.subjectId).toBe(reportId);
    expect(await platform.changeStatus(reportId, "ACKNOWLEDGED")).toBe("ReportStatusChanged");
    const relay = platform.relay();
    const dispatch = platform.dispatcher();
    while ((await platform.pass(relay, dispatch)).claimed > 0);
    const acknowledged = (await toldAbout(reportId)).filter((n) => n.description.includes("pris en compte"));
    // Two people (reporter and follower), two distinct Publik ids; the test never learns whose is whose.
    expect(new Set(acknowledged.map((n) => n.userId)).size).toBe(2);
  });

  it("runs as `npm start` runs it: finds the emitting subgraphs, delivers, and sends SQL to its own schema only", async () => {
    const reportId = await platform.submitReport();
    expect(await platform.changeStatus(reportId, "ACKNOWLEDGED")).toBe("ReportStatusChanged");
    const statements: string[] = [];
    const stop = startNotificationWorker({
      ...platform.deps,
      db: recording(platform.db, statements),
      config: { ...platform.config, NOTIFICATIONS_WORKER_INTERVAL_MS: 100 },
    });
    try {
      await vi.waitFor(
        () =>
          expect(ofReport(reportId).map((event) => event.data.toStatus)).toEqual([
            "submitted",
            "acknowledged",
          ]),
        { timeout: 25_000, interval: 100 },
      );
    } finally {
      await stop();
    }
    expect(await toldAbout(reportId)).toHaveLength(2);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((sql) => FOREIGN_SCHEMA.test(sql))).toEqual([]);
    expect(statements.every((sql) => /notifications\./.test(sql))).toBe(true);
  });

  it("runs as `npm run start:worker` runs it: over HTTP to the reports and identity subgraphs", async () => {
    const servers = await createSubgraphServers(platform);
    const apps: FastifyInstance[] = [];
    const urls: Record<string, string> = {};
    try {
      for (const name of ["reports", "identity"]) {
        const server = servers.get(name);
        if (!server) throw new Error(`${name} is not running`);
        const app = await createSubgraphApp(server, platform);
        apps.push(app);
        urls[name] = `${await app.listen({ host: "127.0.0.1", port: 0 })}/graphql`;
      }
      const config = {
        ...platform.config,
        SUBGRAPH_URL_REPORTS: urls.reports as string,
        SUBGRAPH_URL_IDENTITY: urls.identity as string,
        NOTIFICATIONS_WORKER_INTERVAL_MS: 100,
      };
      const internal = httpClient(config, []);
      expect(internal.mode).toBe("http");
      const reportId = await platform.submitReport();
      expect(await platform.changeStatus(reportId, "RESOLVED")).toBe("ReportStatusChanged");
      const stop = startNotificationWorker({ ...platform.deps, config, internal }, { sources: ["reports"] });
      try {
        await vi.waitFor(
          () =>
            expect(ofReport(reportId).map((event) => event.data.toStatus)).toEqual(["submitted", "resolved"]),
          { timeout: 25_000, interval: 100 },
        );
      } finally {
        await stop();
      }
      expect((await toldAbout(reportId)).map((n) => n.description)).toContain(
        "Le signalement est désormais résolu.",
      );
    } finally {
      for (const app of apps) await app.close();
      for (const server of servers.values()) await server.apollo.stop();
    }
  });
});
