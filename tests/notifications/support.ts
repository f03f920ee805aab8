// Shared by the notification tests: a reports platform pointed at a Strasbourg.eu simulator (which serves the
// notification web services), a partner HTTP endpoint that verifies signatures and can be taken down, and the
// relay's collaborators wired as the platform wires them (through the internal client, as the system caller).
// Nothing here asserts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SubgraphDeps } from "../../platform/context.ts";
import type { InternalClient } from "../../platform/internalClient.ts";
import {
  type StrasbourgEuSimulator,
  startStrasbourgEuSimulator,
} from "../../simulators/strasbourg-eu/index.ts";
import {
  deliveryReceipts,
  sqlNotificationStore,
  subscriptionSource,
} from "../../subgraphs/notifications/adapters/sqlNotificationStore.ts";
import {
  createDispatcher,
  type IdentityCall,
  type ReceiptStore,
} from "../../subgraphs/notifications/dispatcher.ts";
import {
  createOutboxRelay,
  type OutboxEvent,
  outboxCall,
  type RelayOptions,
} from "../../subgraphs/notifications/relay.ts";
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

export type Relay = ReturnType<typeof createOutboxRelay>;
export type Dispatch = (event: OutboxEvent) => Promise<void>;

export interface NotificationsPlatform extends ReportsPlatform {
  strasbourgEu: StrasbourgEuSimulator;
  tokens: Record<"resident" | "agent", string>;
  tokens2: Record<"partner", string>;
  /** The platform's internal client (system caller, in-process), as the worker gets it in `npm start`. */
  internal: InternalClient;
  /** What the worker is given in `npm start` (db, config, internal client…). */
  deps: SubgraphDeps;
  /** A fresh relay (a new worker process) on the reports outbox, through its internal operations. */
  relay(options?: Partial<RelayOptions>): Relay;
  /** A fresh dispatcher (a new worker process's consumers); collaborators can be replaced to simulate a crash. */
  dispatcher(overrides?: { identity?: IdentityCall; receipts?: ReceiptStore }): Dispatch;
  /** One pass as the worker runs it: deliver, acknowledge, forget the receipts of acknowledged events. */
  pass(relay: Relay, dispatch: Dispatch): ReturnType<Relay["runOnce"]>;
  /**
   * The test's clock for the reports outbox: everything scheduled there (retries, leases) becomes due `ms` earlier,
   * which for the outbox is the same as time passing — the test never waits.
   */
  advance(ms: number): Promise<void>;
  submitReport(): Promise<string>;
  changeStatus(reportId: string, status: string): Promise<string>;
  /** Notifications the Strasbourg.eu simulator accepted. */
  sentNotifications(): Promise<{ userId: string; typeId: string; description: string; url: string }[]>;
}

export async function startNotificationsPlatform(
  env: Record<string, string> = {},
): Promise<NotificationsPlatform> {
  const strasbourgEu = await startStrasbourgEuSimulator();
  const platform = await startReportsPlatform({
    env: { STRASBOURG_EU_URL: strasbourgEu.url, STRASBOURG_EU_TIMEOUT_MS: "2000", ...env },
  });
  const tokens = { resident: await platform.token("resident"), agent: await platform.token("agent") };
  await platform.graphql("{ me { id } }", undefined, { token: tokens.resident });
  const store = sqlNotificationStore(platform.db);
  // The platform's own subgraph client (in-process here), as the system caller.
  const internal: InternalClient = platform.client;
  const deps: SubgraphDeps = {
    config: platform.config,
    db: platform.db,
    cache: platform.cache,
    log: platform.log,
    internal,
  };
  return {
    ...platform,
    strasbourgEu,
    tokens,
    tokens2: { partner: await platform.token("ems-partner") },
    internal,
    deps,
    relay: (options = {}) =>
      createOutboxRelay(outboxCall(internal, "reports"), {
        source: "reports",
        backoffBaseMs: 1000,
        ...options,
      }),
    dispatcher: (overrides = {}) =>
      createDispatcher({
        identity:
          overrides.identity ?? ((query, variables) => internal.request("identity", query, variables)),
        subscriptions: subscriptionSource(platform.db),
        followers: (kind, id) => store.followers(kind, id),
        receipts: overrides.receipts ?? deliveryReceipts(platform.db),
        publicUrl: "https://parvis.strasbourg.eu",
        webhookTimeoutMs: 2000,
      }),
    pass: (relay, dispatch) =>
      relay.runOnce(dispatch, { acknowledged: (event) => deliveryReceipts(platform.db).forget(event.id) }),
    async advance(ms) {
      await platform.db.query(
        `UPDATE reports.outbox_event SET next_attempt_at = next_attempt_at - make_interval(secs => $1::float8 / 1000)
          WHERE delivered_at IS NULL`,
        [ms],
      );
    },
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
