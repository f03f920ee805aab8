// What happens to one event: the people concerned are told through identity's `_notifyAccount` (Strasbourg.eu,
// honouring their settings), and every matching partner subscription receives a signed webhook. Any failure
// throws, so the relay retries the whole event later: delivery is at least once and recipients deduplicate by
// event id (partners by the `x-parvis-event-id` header).
import type { OutboxEvent } from "./relay.ts";
import { postWebhook } from "./webhooks.ts";

export interface WebhookSubscription {
  id: string;
  partnerClientId: string;
  url: string;
  secret: string;
  eventTypes: string[];
  /** Equality filter on payload fields (for example `{ serviceCode: "DMEPN" }`); empty = everything. */
  filter: Record<string, string>;
}

export interface SubscriptionSource {
  /** Active subscriptions for an event type. */
  forEventType(type: string): Promise<WebhookSubscription[]>;
}

export interface CitizenNotice {
  accountId: string;
  typeId: string;
  title: string;
  description: string;
  url: string;
}

/** Calls identity as the system caller (in-process or HTTP, see subgraphs/kit/internalClient.ts). */
export type IdentityCall = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

const STATUS_LABELS: Record<string, string> = {
  submitted: "reçu",
  acknowledged: "pris en compte",
  in_progress: "en cours de traitement",
  resolved: "résolu",
  rejected: "clos sans suite",
  duplicate: "rattaché à un signalement existant",
};

type Notice = Omit<CitizenNotice, "accountId">;

/** What to tell people about an event (French, no personal data), or null when citizens are not told of it. */
export function noticeFor(event: OutboxEvent, publicUrl: string): Notice | null {
  const payload = event.payload;
  if (event.type === "report.status_changed") {
    const status = String(payload.toStatus ?? "");
    return {
      typeId: "PARTICIPATION_SIGNALEMENT",
      title: "Un signalement a évolué",
      description: `Le signalement est désormais ${STATUS_LABELS[status] ?? status}.`,
      url: `${publicUrl}/signalements/${String(payload.reportId ?? "")}`,
    };
  }
  if (event.type.startsWith("petition.") && typeof payload.petitionId === "string") {
    const what: Record<string, string> = {
      "petition.milestone_reached": "a franchi un seuil de signatures",
      "petition.answered": "a reçu une réponse de la Ville",
      "petition.closed": "est close",
    };
    const label = what[event.type];
    if (!label) return null;
    return {
      typeId: "PARTICIPATION_PETITION",
      title: "Une pétition que vous suivez",
      description: `La pétition ${label}.`,
      url: `${publicUrl}/petitions/${payload.petitionId}`,
    };
  }
  return null;
}

/** Who is told: the reporter of a report, the author of a petition, and whoever follows the subject or the quartier it happens in. */
export async function recipientsOf(
  event: OutboxEvent,
  followers: (kind: "report" | "petition" | "quartier", id: string) => Promise<string[]>,
): Promise<string[]> {
  const accounts = new Set<string>();
  if (typeof event.payload.reporterAccountId === "string") accounts.add(event.payload.reporterAccountId);
  if (event.type.startsWith("petition.") && typeof event.payload.authorId === "string")
    accounts.add(event.payload.authorId);
  const [kind, id] = event.subject.split(":", 2);
  if ((kind === "report" || kind === "petition") && id)
    for (const a of await followers(kind, id)) accounts.add(a);
  if (typeof event.payload.quartierId === "string")
    for (const a of await followers("quartier", event.payload.quartierId)) accounts.add(a);
  return [...accounts].sort();
}

export function matchesFilter(subscription: WebhookSubscription, event: OutboxEvent): boolean {
  return Object.entries(subscription.filter).every(
    ([key, value]) => String(event.payload[key] ?? "") === value,
  );
}

const NOTIFY = `mutation Notify($accountId: ID!, $typeId: String!, $title: String!, $description: String!, $url: String) {
  _notifyAccount(accountId: $accountId, typeId: $typeId, title: $title, description: $description, url: $url)
}`;

export function createDispatcher(deps: {
  identity: IdentityCall;
  subscriptions: SubscriptionSource;
  followers: (kind: "report" | "petition" | "quartier", id: string) => Promise<string[]>;
  publicUrl: string;
  webhookTimeoutMs: number;
}) {
  // Targets already served for an event in this process: a retry (one partner down) does not notify again the
  // ones that succeeded. Bounded; after a crash the new process may repeat them (at least once, deduplicated by id).
  const served = new Set<string>();
  const remember = (key: string) => {
    served.add(key);
    if (served.size > 10_000) served.delete(served.values().next().value as string);
  };
  return async function dispatch(event: OutboxEvent): Promise<void> {
    const notice = noticeFor(event, deps.publicUrl);
    if (notice) {
      for (const accountId of await recipientsOf(event, deps.followers)) {
        const key = `${event.id}:account:${accountId}`;
        if (served.has(key)) continue;
        await deps.identity(NOTIFY, { ...notice, accountId });
        remember(key);
      }
    }
    const subscriptions = await deps.subscriptions.forEventType(event.type);
    const failures: string[] = [];
    for (const subscription of subscriptions) {
      const key = `${event.id}:webhook:${subscription.id}`;
      if (served.has(key) || !matchesFilter(subscription, event)) continue;
      try {
        await postWebhook(subscription, event, { timeoutMs: deps.webhookTimeoutMs });
        remember(key);
      } catch (error) {
        failures.push(`subscription ${subscription.id}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(failures.join("; "));
  };
}
