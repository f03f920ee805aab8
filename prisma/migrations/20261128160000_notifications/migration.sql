-- Notifications subgraph, written by hand the way `prisma migrate dev` would generate it from
-- prisma/notifications.prisma; tests/database/schemaMatchesPrisma.test.ts checks it.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "notifications";

-- CreateTable
CREATE TABLE "notifications"."follow" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications"."webhook_subscription" (
    "id" UUID NOT NULL,
    "partner_client_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "event_types" TEXT[],
    "filter" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "follow_subject_kind_subject_id_idx" ON "notifications"."follow"("subject_kind", "subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "follow_account_id_subject_kind_subject_id_key" ON "notifications"."follow"("account_id", "subject_kind", "subject_id");

-- CreateIndex
CREATE INDEX "webhook_subscription_partner_client_id_idx" ON "notifications"."webhook_subscription"("partner_client_id");
