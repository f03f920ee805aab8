// Shared by the notification tests: a reports platform pointed at a Strasbourg.eu simulator (which serves the
// notification web services), a partner HTTP endpoint that verifies signatures and can be taken down, and the
// relay's collaborators wired as the platform wires them. Nothing here asserts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { callAsSystem } from "../../gateway/jobs/systemCall.ts";
import {
  type StrasbourgEuSimulator,
  startStrasbourgEuSimulator,
} from "../../simulators/strasbourg-eu/index.ts";
import {
  sqlNotificationStore,
  subscriptionSource,
} from "../../subgraphs/notifications/adapters/sqlNotificationStore.ts";
import { createDispatcher } from "../../subgraphs/notifications/dispatcher.ts";
import { createOutboxRelay, type RelayOptions } from "../../subgraphs/notifications/relay.ts";
import {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
} from "../../subgraphs/notifications/webhooks.ts";
import { NEUDORF, POTHOLE, type ReportsPlatform, startReportsPlatform } from "../reports/support.ts";

export interface Received {
  id: string;
  type: string;
  subject: string;
  data: Record<string, unknown>;
  signatureValid: boolean;
}

export interface Partner {
  url: string;
  secret: string;
  /** Every request that was answered 2xx, duplicates included. */
  received: Received[];
  /** Requests refused while down. */
  refused: number;
  down: boolean;
  close(): Promise<void>;
}

/** A partner endpoint; set `secret` to the one createWebhookSubscription returned. */
export async function startPartner(): Promise<Partner> {
  const partner: Partner = {
    url: "",
    secret: "",
    received: [],
    refused: 0,
    down: false,
    close: async () => {},
  };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      if (partner.down) {
        partner.refused++;
        response.writeHead(503).end();
        return;
      }
      const parsed = JSON.parse(body) as Omit<Received, "signatureValid">;
      const signature = request.headers[SIGNATURE_HEADER];
      partner.received.push({
        ...parsed,
        signatureValid:
          request.headers[EVENT_ID_HEADER] === parsed.id &&
          verifyWebhookSignature(
            partner.secret,
            body,
            typeof signature === "string" ? signature : undefined,
            Math.floor(Date.now() / 1000),
          ),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  partner.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/parvis-events`;
  partner.close = () => new Promise((resolve) => server.close(() => resolve()));
  return partner;
}

/** What a partner's idempotent consumer keeps: the first copy of each event id, in arrival order. */
export function deduplicated(received: readonly Received[]): Received[] {
  const seen = new Set<string>();
  return received.filter((event) => {
    if (seen.has(event.id)) return false;
    seen.add(event.id);
    return true;
  });
}

export interface NotificationsPlatform extends ReportsPlatform {
  strasbourgEu: StrasbourgEuSimulator;
  tokens: Record<"resident" | "agent", string>;
  tokens2: Record<"partner", string>;
  /** A fresh relay (a new worker process) on the reports outbox. */
  relay(options?: Partial<RelayOptions>): ReturnType<typeof createOutboxRelay>;
  /** A fresh dispatcher (a new worker process's consumers). */
  dispatcher(): ReturnType<typeof createDispatcher>;
  submitReport(): Promise<string>;
  changeStatus(reportId: string, status: string): Promise<string>;
  /** Notifications the Strasbourg.eu simulator accepted. */
  sentNotifications(): Promise<{ userId: string; typeId: string; description: string; url: string }[]>;
}

export async function startNotificationsPlatform(): Promise<NotificationsPlatform> {
  const strasbourgEu = await startStrasbourgEuSimulator();
  const platform = await startReportsPlatform({
    env: { STRASBOURG_EU_URL: strasbourgEu.url, STRASBOURG_EU_TIMEOUT_MS: "2000" },
  });
  const tokens = { resident: await platform.token("resident"), agent: await platform.token("agent") };
  await platform.graphql("{ me { id } }", undefined, { token: tokens.resident });
  const identity = platform.dataSources.get("identity");
  const store = sqlNotificationStore(platform.db);
  if (!identity) throw new Error("identity is not running");
  return {
    ...platform,
    strasbourgEu,
    tokens,
    tokens2: { partner: await platform.token("ems-partner") },
    relay: (options = {}) =>
      createOutboxRelay(platform.db, { schema: "reports", backoffBaseMs: 1000, ...options }),
    dispatcher: () =>
      createDispatcher({
        identity: (query, variables) => callAsSystem(identity, query, variables),
        subscriptions: subscriptionSource(platform.db),
        followers: (kind, id) => store.followers(kind, id),
        publicUrl: "https://parvis.strasbourg.eu",
        webhookTimeoutMs: 2000,
      }),
    async submitReport() {
      const answer = await platform.submit(POTHOLE(NEUDORF), tokens.resident);
      const report = (answer.result as { report?: { id: string } }).report;
      if (!report) throw new Error(`submitReport answered ${JSON.stringify(answer)}`);
      return report.id;
    },
    async changeStatus(reportId, status) {
      const { body } = await platform.graphql<{ changeReportStatus: { __typename: string } }>(
        `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }`,
        { input: { reportId, status, note: `Statut : ${status}` } },
        { token: tokens.agent },
      );
      return body.data?.changeReportStatus.__typename ?? JSON.stringify(body.errors);
    },
    async sentNotifications() {
      const response = await fetch(`${strasbourgEu.url}/__simulator/notifications`);
      return (await response.json()) as never;
    },
    async close() {
      await platform.close();
      await strasbourgEu.close();
    },
  };
}
