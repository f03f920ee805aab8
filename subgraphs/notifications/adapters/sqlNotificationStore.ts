// Storage of follows and webhook subscriptions ("notifications" schema), in plain parameterised SQL: one
// statement per operation. Also the relay's SubscriptionSource and the followers of a subject.
import type { SqlRunner } from "../../kit/db/database.ts";
import { newId } from "../../kit/ids.ts";
import type { SubscriptionSource, WebhookSubscription } from "../dispatcher.ts";

export type FollowKind = "report" | "petition" | "quartier";

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
    async eraseAccount(accountId: string): Promise<number> {
      const rows = await db.query(
        `DELETE FROM notifications.follow WHERE account_id = $1::uuid RETURNING id`,
        [accountId],
      );
      return rows.length;
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
