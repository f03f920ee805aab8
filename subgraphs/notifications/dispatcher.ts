// What happens to one event: the people concerned are told through identity's `_notifyAccount` (Strasbourg.eu,
// honouring their settings), and every matching partner subscription receives a signed webhook. Every recipient
// served is recorded in the notifications schema (delivery receipts); any failure throws after the others were
// tried, so the relay retries the event later and only the recipients not yet served are tried again — across
// worker crashes too. Delivery is at least once (a crash between sending and recording repeats one recipient) and
// recipients deduplicate by event id (partners by the `x-parvis-event-id` header).
import { partnerView } from "./partnerEvents.ts";
import type { OutboxEvent } from "./relay.ts";
import { postWebhook, type Resolver } from "./webhooks.ts";

export interface WebhookSubscription {
  id: string;
  partnerClientId: string;
  url: string;
  secret: string;
  eventTypes: string[];
  /** Equality filter on fields of the partner projection (for example `{ serviceCode: "DMEPN" }`); empty = everything. */
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

/** Calls identity as the system caller (in-process or HTTP, see platform/internalClient.ts). */
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
  if (event.type.startsWith("participation.")) return participationNotice(event, publicUrl);
  return null;
}

/** What followers of a city project or consultation are told (titles come from the event: no personal data). */
function participationNotice(event: OutboxEvent, publicUrl: string): Notice | null {
  const payload = event.payload;
  const title = String(payload.title ?? "");
  const consultation = `${publicUrl}/consultations/${String(payload.consultationId ?? "")}`;
  switch (event.type) {
    case "participation.step_started":
      return {
        typeId: "PARTICIPATION_PROJET",
        title: "Un projet que vous suivez avance",
        description: `Le projet « ${String(payload.projectTitle ?? "")} » entre dans l'étape « ${String(payload.stepTitle ?? "")} ».`,
        url: `${publicUrl}/projets/${String(payload.projectId ?? "")}`,
      };
    case "participation.consultation_opened":
      return {
        typeId: "PARTICIPATION_PROJET",
        title: "Une consultation est ouverte",
        description: `La consultation « ${title} » est ouverte : donnez votre avis.`,
        url: consultation,
      };
    case "participation.consultation_closed":
      return {
        typeId: "PARTICIPATION_PROJET",
        title: "Une consultation est close",
        description: `La consultation « ${title} » est close ; ses résultats seront publiés.`,
        url: consultation,
      };
    case "participation.results_published":
      return {
        typeId: "PARTICIPATION_PROJET",
        title: "Les résultats d'une consultation sont publiés",
        description: `Les résultats de la consultation « ${title} », la synthèse et la réponse de la Ville sont publiés.`,
        url: consultation,
      };
    default:
      return null;
  }
}

/** What a person can follow (the notifications schema's `follow.subject_kind`). */
export type FollowedKind = "report" | "petition" | "quartier" | "project" | "consultation";

/**
 * Who is told: the reporter of a report, the author of a petition, whoever follows the subject or the quartier it
 * happens in, and for a consultation whoever follows it or the project it belongs to.
 */
export async function recipientsOf(
  event: OutboxEvent,
  followers: (kind: FollowedKind, id: string) => Promise<string[]>,
): Promise<string[]> {
  const accounts = new Set<string>();
  if (typeof event.payload.reporterAccountId === "string") accounts.add(event.payload.reporterAccountId);
  if (event.type.startsWith("petition.") && typeof event.payload.authorId === "string")
    accounts.add(event.payload.authorId);
  const [kind, id] = event.subject.split(":", 2);
  if ((kind === "report" || kind === "petition" || kind === "project" || kind === "consultation") && id)
    for (const a of await followers(kind, id)) accounts.add(a);
  if (kind === "consultation" && typeof event.payload.projectId === "string")
    for (const a of await followers("project", event.payload.projectId)) accounts.add(a);
  if (typeof event.payload.quartierId === "string")
    for (const a of await followers("quartier", event.payload.quartierId)) accounts.add(a);
  return [...accounts].sort();
}

/** The filter applies to what the partner receives (its projection), never to the hidden payload. */
export function matchesFilter(
  subscription: WebhookSubscription,
  view: Readonly<Record<string, unknown>>,
): boolean {
  return Object.entries(subscription.filter).every(
    ([key, value]) => Object.hasOwn(view, key) && String(view[key] ?? "") === value,
  );
}

const NOTIFY = `mutation Notify($accountId: ID!, $typeId: String!, $title: String!, $description: String!, $url: String) {
  _notifyAccount(accountId: $accountId, typeId: $typeId, title: $title, description: $description, url: $url)
}`;

/** Kinds of recipients of one event: a person (told through identity) or a partner's webhook subscription. */
export type ReceiptTarget = "account" | "webhook";

/** The recipients of an event already served (persisted: a new worker process sees them). */
export interface ReceiptStore {
  served(eventId: string): Promise<Set<string>>;
  record(eventId: string, kind: ReceiptTarget, targetId: string): Promise<void>;
}

export function createDispatcher(deps: {
  identity: IdentityCall;
  subscriptions: SubscriptionSource;
  followers: (kind: FollowedKind, id: string) => Promise<string[]>;
  receipts: ReceiptStore;
  publicUrl: string;
  webhookTimeoutMs: number;
  /** Production: webhooks never reach loopback, private or reserved addresses, checked when connecting. */
  blockPrivateAddresses?: boolean;
  /** DNS resolution of webhook hosts (the system's by default). */
  resolve?: Resolver;
}) {
  return async function dispatch(event: OutboxEvent): Promise<void> {
    const served = await deps.receipts.served(event.id);
    const failures: string[] = [];
    const notice = noticeFor(event, deps.publicUrl);
    if (notice) {
      for (const accountId of await recipientsOf(event, deps.followers)) {
        if (served.has(`account:${accountId}`)) continue;
        try {
          await deps.identity(NOTIFY, { ...notice, accountId });
        } catch (error) {
          // The others wait for the retry: identity (or Strasbourg.eu behind it) is most likely down for all.
          // The reason names no one (codes only), since it is kept in the outbox's last_error.
          failures.push(`identity: ${(error as Error).message}`);
          break;
        }
        await deps.receipts.record(event.id, "account", accountId);
      }
    }
    // Partners get the declared projection of the event, and nothing of a type without one.
    const view = partnerView(event);
    const subscriptions = view ? await deps.subscriptions.forEventType(event.type) : [];
    for (const subscription of subscriptions) {
      if (!view || served.has(`webhook:${subscription.id}`) || !matchesFilter(subscription, view)) continue;
      try {
        await postWebhook(
          subscription,
          { ...event, payload: view },
          {
            timeoutMs: deps.webhookTimeoutMs,
            blockPrivate: deps.blockPrivateAddresses ?? false,
            ...(deps.resolve ? { resolve: deps.resolve } : {}),
          },
        );
      } catch (error) {
        failures.push(`subscription ${subscription.id}: ${(error as Error).message}`);
        continue;
      }
      await deps.receipts.record(event.id, "webhook", subscription.id);
    }
    if (failures.length > 0) throw new Error(failures.join("; "));
  };
}
