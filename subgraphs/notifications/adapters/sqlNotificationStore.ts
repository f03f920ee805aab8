// Storage of follows and webhook subscriptions ("notifications" schema), in plain parameterised SQL: one
// statement per operation. Also the relay's SubscriptionSource and the followers of a subject.
import type { SqlRunner } from "../../../platform/db/database.ts";
import { newId } from "../../../platform/ids.ts";
import type { ReceiptTarget, SubscriptionSource, WebhookSubscription } from "../dispatcher.ts";

export type FollowKind = "report" | "petition" | "quartier" | "project" | "consultation";

export interface FollowRecord {
  id: string;
  kind: FollowKind;
  subjectId: string;
  createdAt: Date;
}

interface SubscriptionRow {
  id: string;
  partner_client_id: string;
  url: string;
  secret: string;
  event_types: string[];
  filter: unknown;
  created_at: Date;
}

const toSubscription = (row: SubscriptionRow): WebhookSubscription & { createdAt: Date } => ({
  id: row.id,
  partnerClientId: row.partner_client_id,
  url: row.url,
  secret: row.secret,
  eventTypes: row.event_types,
  filter: (typeof row.filter === "string" ? JSON.parse(row.filter) : row.filter) as Record<string, string>,
  createdAt: new Date(row.created_at),
});

export function sqlNotificationStore(db: SqlRunner) {
  return {
    async follow(accountId: string, kind: FollowKind, subjectId: string): Promise<FollowRecord> {
      await db.query(
        `INSERT INTO notifications.follow (id, account_id, subject_kind, subject_id) VALUES ($1::uuid, $2::uuid, $3, $4::uuid)
         ON CONFLICT (account_id, subject_kind, subject_id) DO NOTHING`,
        [newId(), accountId, kind, subjectId],
      );
      const [row] = await db.query<{ id: string; created_at: Date }>(
        `SELECT id, created_at FROM notifications.follow WHERE account_id = $1::uuid AND subject_kind = $2 AND subject_id = $3::uuid`,
        [accountId, kind, subjectId],
      );
      return { id: row?.id ?? "", kind, subjectId, createdAt: new Date(row?.created_at ?? Date.now()) };
    },
    async unfollow(accountId: string, kind: FollowKind, subjectId: string): Promise<boolean> {
      const rows = await db.query(
        `DELETE FROM notifications.follow WHERE account_id = $1::uuid AND subject_kind = $2 AND subject_id = $3::uuid RETURNING id`,
        [accountId, kind, subjectId],
      );
      return rows.length > 0;
    },
    async followsOf(accountId: string): Promise<FollowRecord[]> {
      const rows = await db.query<{
        id: string;
        subject_kind: FollowKind;
        subject_id: string;
        created_at: Date;
      }>(
        `SELECT id, subject_kind, subject_id, created_at FROM notifications.follow WHERE account_id = $1::uuid ORDER BY created_at, id LIMIT 500`,
        [accountId],
      );
      return rows.map((r) => ({
        id: r.id,
        kind: r.subject_kind,
        subjectId: r.subject_id,
        createdAt: new Date(r.created_at),
      }));
    },
    async followers(kind: FollowKind, subjectId: string): Promise<string[]> {
      const rows = await db.query<{ account_id: string }>(
        `SELECT account_id FROM notifications.follow WHERE subject_kind = $1 AND subject_id = $2::uuid ORDER BY account_id`,
        [kind, subjectId],
      );
      return rows.map((row) => row.account_id);
    },
    /**
     * The right of access: what the person follows (reports, petitions, quartiers), every row, oldest first. That is
     * all this subgraph keeps about a person: deliveries go through Strasbourg.eu, and no setting is stored here.
     */
    async exportAccount(accountId: string): Promise<{
      follows: (Omit<FollowRecord, "createdAt"> & { followedAt: string })[];
      /** Notices being delivered to the person (kept until their event is acknowledged, 30 days at most). */
      noticesInDelivery: { eventId: string; servedAt: string }[];
    }> {
      const receipts = await db.query<{ event_id: string; served_at: Date | string }>(
        `SELECT event_id::text AS event_id, served_at FROM notifications.delivery_receipt
         WHERE target_kind = 'account' AND target_id = $1::uuid ORDER BY served_at, event_id`,
        [accountId],
      );
      const rows = await db.query<{
        id: string;
        subject_kind: FollowKind;
        subject_id: string;
        created_at: Date | string;
      }>(
        `SELECT id::text AS id, subject_kind, subject_id::text AS subject_id, created_at FROM notifications.follow
         WHERE account_id = $1::uuid ORDER BY created_at, id`,
        [accountId],
      );
      return {
        follows: rows.map((row) => ({
          id: row.id,
          kind: row.subject_kind,
          subjectId: row.subject_id,
          followedAt: new Date(row.created_at).toISOString(),
        })),
        noticesInDelivery: receipts.map((row) => ({
          eventId: row.event_id,
          servedAt: new Date(row.served_at).toISOString(),
        })),
      };
    },
    async eraseAccount(accountId: string): Promise<number> {
      const rows = await db.query(
        `DELETE FROM notifications.follow WHERE account_id = $1::uuid RETURNING id`,
        [accountId],
      );
      // Receipts of deliveries in progress name the account too (pseudonymously); they go with it.
      const receipts = await db.query(
        `DELETE FROM notifications.delivery_receipt WHERE target_kind = 'account' AND target_id = $1::uuid RETURNING event_id`,
        [accountId],
      );
      return rows.length + receipts.length;
    },
    async saveSubscription(
      subscription: WebhookSubscription,
    ): Promise<WebhookSubscription & { createdAt: Date }> {
      const [row] = await db.query<SubscriptionRow>(
        `INSERT INTO notifications.webhook_subscription (id, partner_client_id, url, secret, event_types, filter)
         VALUES ($1::uuid, $2, $3, $4, $5::text[], $6::jsonb) RETURNING *`,
        [
          subscription.id,
          subscription.partnerClientId,
          subscription.url,
          subscription.secret,
          subscription.eventTypes,
          JSON.stringify(subscription.filter),
        ],
      );
      if (!row) throw new Error("subscription not stored");
      return toSubscription(row);
    },
    async subscriptionsOf(partnerClientId: string) {
      const rows = await db.query<SubscriptionRow>(
        `SELECT * FROM notifications.webhook_subscription WHERE partner_client_id = $1 ORDER BY created_at, id`,
        [partnerClientId],
      );
      return rows.map(toSubscription);
    },
    async deleteSubscription(partnerClientId: string, id: string): Promise<boolean> {
      const rows = await db.query(
        `DELETE FROM notifications.webhook_subscription WHERE id = $1::uuid AND partner_client_id = $2 RETURNING id`,
        [id, partnerClientId],
      );
      return rows.length > 0;
    },
  };
}

export type NotificationStore = ReturnType<typeof sqlNotificationStore>;

export function subscriptionSource(db: SqlRunner): SubscriptionSource {
  return {
    async forEventType(type) {
      const rows = await db.query<SubscriptionRow>(
        `SELECT * FROM notifications.webhook_subscription WHERE $1 = ANY(event_types) ORDER BY created_at, id`,
        [type],
      );
      return rows.map(toSubscription);
    },
  };
}

/**
 * Which recipients of an event were already served, kept in the notifications schema so that a retry — after a
 * partial failure or a crashed worker — does not notify again those who succeeded. Rows live while the event is in
 * delivery: forgotten once it is acknowledged, and after RECEIPT_DAYS at the latest (a dead letter replayed later
 * than that may repeat a notification; recipients deduplicate by event id).
 */
export const RECEIPT_DAYS = 30;

export function deliveryReceipts(db: SqlRunner) {
  return {
    /** `<kind>:<id>` of the recipients already served for the event. */
    async served(eventId: string): Promise<Set<string>> {
      const rows = await db.query<{ target_kind: string; target_id: string }>(
        `SELECT target_kind, target_id FROM notifications.delivery_receipt WHERE event_id = $1::uuid`,
        [eventId],
      );
      return new Set(rows.map((row) => `${row.target_kind}:${row.target_id}`));
    },
    async record(eventId: string, kind: ReceiptTarget, targetId: string): Promise<void> {
      await db.query(
        `INSERT INTO notifications.delivery_receipt (event_id, target_kind, target_id) VALUES ($1::uuid, $2, $3::uuid)
         ON CONFLICT (event_id, target_kind, target_id) DO NOTHING`,
        [eventId, kind, targetId],
      );
    },
    /** After acknowledgement; also sweeps receipts left behind by a crash between acknowledging and forgetting. */
    async forget(eventId: string): Promise<void> {
      await db.query(
        `DELETE FROM notifications.delivery_receipt
          WHERE event_id = $1::uuid OR served_at < now() - make_interval(days => $2::int)`,
        [eventId, RECEIPT_DAYS],
      );
    },
  };
}

export type DeliveryReceipts = ReturnType<typeof deliveryReceipts>;
