// Issue 11, end to end on both backends: report status changes written to the reports outbox reach the resident
// through the Strasbourg.eu simulator (honouring their settings) and a subscribed partner through signed webhooks,
// at least once and in order per report, across a worker crash and a long partner outage; dead letters replay.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  deduplicated,
  type NotificationsPlatform,
  type Partner,
  startNotificationsPlatform,
  startPartner,
} from "./support.ts";

const HOUR = 3_600_000;

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
    const relay = platform.relay({ now: () => new Date(Date.now() + 1000 * HOUR) });
    while ((await relay.runOnce(async () => {})).claimed > 0);
    partner.received.length = 0;
    partner.down = false;
  });

  const ofReport = (reportId: string) =>
    deduplicated(partner.received).filter((event) => event.subject === `report:${reportId}`);

  it("survives a worker killed between delivery and acknowledgement: everything arrives, duplicates share an id", async () => {
    const first = await platform.submitReport();
    const second = await platform.submitReport();
    for (const status of ["ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED"]) {
      expect(await platform.changeStatus(first, status)).toBe("ReportStatusChanged");
    }
    expect(await platform.changeStatus(second, "ACKNOWLEDGED")).toBe("ReportStatusChanged");

    // Worker A claims and delivers, then dies before acknowledging anything.
    const crashed = platform.relay();
    const claimed = await crashed.claim();
    expect(claimed.length).toBeGreaterThan(0);
    const dispatchA = platform.dispatcher();
    for (const event of claimed) await dispatchA(event);
    const deliveredBeforeCrash = partner.received.length;
    expect(deliveredBeforeCrash).toBeGreaterThan(0);

    // While A's lease runs, another worker cannot take the same events (nor the next ones of the same reports).
    const concurrent = await platform.relay().claim();
    expect(concurrent.map((event) => event.id)).not.toEqual(expect.arrayContaining(claimed.map((e) => e.id)));

    // Worker B starts after A's lease ended and drains the outbox.
    const later = platform.relay({ now: () => new Date(Date.now() + HOUR) });
    const dispatchB = platform.dispatcher();
    for (let pass = 0; pass < 20 && (await later.runOnce(dispatchB)).claimed > 0; pass++);
    // The concurrent worker's claims are finished too (it "ran" them after B: duplicates again, recognised by id).
    for (const event of concurrent) await dispatchB(event);

    expect(partner.received.length).toBeGreaterThan(deduplicated(partner.received).length);
    expect(partner.received.every((event) => event.signatureValid)).toBe(true);
    expect(ofReport(first).map((event) => event.data.toStatus)).toEqual([
      "submitted",
      "acknowledged",
      "in_progress",
      "resolved",
    ]);
    expect(ofReport(second).map((event) => event.data.toStatus)).toEqual(["submitted", "acknowledged"]);

    // The resident heard of every change of their report through Strasbourg.eu.
    const notifications = (await platform.sentNotifications()).filter((n) =>
      n.url.endsWith(`/signalements/${first}`),
    );
    expect(new Set(notifications.map((n) => n.description))).toEqual(
      new Set([
        "Le signalement est désormais reçu.",
        "Le signalement est désormais pris en compte.",
        "Le signalement est désormais en cours de traitement.",
        "Le signalement est désormais résolu.",
      ]),
    );
    expect(notifications.every((n) => n.typeId === "PARTICIPATION_SIGNALEMENT")).toBe(true);
    // Nothing is left to deliver.
    expect(await platform.db.query(`SELECT id FROM reports.outbox_event WHERE delivered_at IS NULL`)).toEqual(
      [],
    );
  });

  it("delivers everything, in order, to a partner that was down for days", async () => {
    const reports = [await platform.submitReport(), await platform.submitReport()];
    partner.down = true;
    for (const status of ["ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED"]) {
      for (const id of reports) expect(await platform.changeStatus(id, status)).toBe("ReportStatusChanged");
    }
    // Three simulated days of retries (the relay's clock moves; the test never waits).
    let clock = Date.now();
    const relay = platform.relay({ now: () => new Date(clock), maxAttempts: 100, backoffMaxMs: 6 * HOUR });
    const dispatch = platform.dispatcher();
    for (let hour = 0; hour < 72; hour++, clock += HOUR) await relay.runOnce(dispatch);
    expect(partner.refused).toBeGreaterThan(0);
    expect(ofReport(reports[0] as string)).toEqual([]);

    partner.down = false;
    for (let pass = 0; pass < 40; pass++) {
      clock += 6 * HOUR;
      await relay.runOnce(dispatch);
    }
    for (const id of reports) {
      expect(ofReport(id).map((event) => event.data.toStatus)).toEqual([
        "submitted",
        "acknowledged",
        "in_progress",
        "resolved",
      ]);
    }
    expect(await relay.deadLettered()).toEqual([]);
  });

  it("dead-letters after the configured attempts, keeps the subject blocked, and replays on request", async () => {
    const reportId = await platform.submitReport();
    partner.down = true;
    expect(await platform.changeStatus(reportId, "ACKNOWLEDGED")).toBe("ReportStatusChanged");
    let clock = Date.now();
    const relay = platform.relay({ now: () => new Date(clock), maxAttempts: 2 });
    const dispatch = platform.dispatcher();
    for (let pass = 0; pass < 6; pass++, clock += HOUR) await relay.runOnce(dispatch);
    const dead = await relay.deadLettered();
    expect(dead.map((event) => event.subject)).toEqual([`report:${reportId}`]);
    // The later event of the same report waits behind the dead letter: order is never broken silently.
    partner.down = false;
    await relay.runOnce(dispatch);
    expect(ofReport(reportId)).toEqual([]);

    expect(await relay.replayDeadLettered()).toBe(1);
    for (let pass = 0; pass < 5; pass++, clock += HOUR) await relay.runOnce(dispatch);
    expect(ofReport(reportId).map((event) => event.data.toStatus)).toEqual(["submitted", "acknowledged"]);
  });

  it("honours the resident's Strasbourg.eu settings, while partners still hear of the change", async () => {
    const reportId = await platform.submitReport();
    const relay = platform.relay();
    const dispatch = platform.dispatcher();
    while ((await relay.runOnce(dispatch)).claimed > 0);
    const [known] = (await platform.sentNotifications()).filter((n) =>
      n.url.endsWith(`/signalements/${reportId}`),
    );
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
    while ((await relay.runOnce(dispatch)).claimed > 0);
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
    while ((await relay.runOnce(dispatch)).claimed > 0);
    const acknowledged = (await platform.sentNotifications()).filter(
      (n) => n.url.endsWith(`/signalements/${reportId}`) && n.description.includes("pris en compte"),
    );
    // Two people (reporter and follower), two distinct Publik ids; the test never learns whose is whose.
    expect(new Set(acknowledged.map((n) => n.userId)).size).toBe(2);
  });
});
