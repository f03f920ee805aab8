// Strasbourg.eu notification web services (shared/reference/strasbourg-eu-api/notifications), for the delivery of
// notifications to a person (issue 11). Lives in identity because the API's `userId` is the person's Publik id,
// the upstream subject that never leaves this subgraph. Behind the resilience wrapper; `add-notification` is not
// idempotent, so it is attempted once per call (the outbox relay retries, and consumers are idempotent by event id).
import type { Config } from "../../../platform/config.ts";
import type { Logger } from "../../../platform/logger.ts";
import { createUpstream, type Upstream } from "../../../platform/resilience/upstream.ts";

export interface NotificationInput {
  typeId: string;
  title: string;
  description: string;
  url: string;
}

export interface StrasbourgEuNotifications {
  /** The notification types the person does NOT want (their settings). */
  disabledTypes(userId: string): Promise<string[]>;
  add(userId: string, notification: NotificationInput, now: Date): Promise<void>;
}

const PATH = "/api/jsonws/notification.notification";
// yyyy-MM-ddThh:mm:ss, as the API documents it (no zone: UTC here).
const liferayDate = (date: Date) => date.toISOString().slice(0, 19);

const clients = new WeakMap<Config, StrasbourgEuNotifications>();

/** One client (one circuit breaker) per configuration. */
export function strasbourgEuNotifications(config: Config, log: Logger): StrasbourgEuNotifications {
  const existing = clients.get(config);
  if (existing) return existing;
  const upstream: Upstream = createUpstream({
    name: "strasbourg-eu-notifications",
    timeoutMs: config.STRASBOURG_EU_TIMEOUT_MS,
    retries: 1,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    log,
  });
  const authorization = `Basic ${Buffer.from(
    `${config.STRASBOURG_EU_API_USERNAME}:${config.STRASBOURG_EU_API_PASSWORD}`,
  ).toString("base64")}`;
  const post = async (operation: string, form: Record<string, string>, signal: AbortSignal) => {
    const response = await fetch(`${config.STRASBOURG_EU_URL}${PATH}/${operation}`, {
      method: "POST",
      headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
      signal,
    });
    if (!response.ok) throw new Error(`strasbourg.eu ${operation} answered ${response.status}`);
    const body = (await response.json()) as Record<string, unknown>;
    // The API answers 200 with { error } for refusals; never log the message (it may echo the user id).
    if (typeof body.error === "string") throw new Error(`strasbourg.eu ${operation} refused the request`);
    return body;
  };
  const client: StrasbourgEuNotifications = {
    async disabledTypes(userId) {
      const body = await upstream.call(
        "get-user-settings",
        (signal) => post("get-user-settings", { userId }, signal),
        {
          idempotent: true,
        },
      );
      const types = Array.isArray(body.types) ? (body.types as { id?: unknown }[]) : [];
      return types.map((type) => String(type.id ?? ""));
    },
    async add(userId, notification, now) {
      const expires = new Date(now.getTime() + 30 * 86_400_000);
      await upstream.call(
        "add-notification",
        (signal) =>
          post(
            "add-notification",
            {
              isGlobal: "false",
              userId,
              typeId: notification.typeId,
              title: notification.title,
              description: notification.description,
              url: notification.url,
              publicationDate: liferayDate(now),
              expirationDate: liferayDate(expires),
            },
            signal,
          ),
        { idempotent: false },
      );
    },
  };
  clients.set(config, client);
  return client;
}
