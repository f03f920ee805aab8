-- Notifications: which recipients of an event in delivery were already served (issue 11), written by hand the way
-- `prisma migrate dev` would generate it from prisma/notifications.prisma; tests/database/schemaMatchesPrisma.test.ts
-- checks it.

-- CreateTable
CREATE TABLE "notifications"."delivery_receipt" (
    "event_id" UUID NOT NULL,
    "target_kind" TEXT NOT NULL,
    "target_id" UUID NOT NULL,
    "served_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_receipt_pkey" PRIMARY KEY ("event_id","target_kind","target_id")
);

-- CreateIndex
CREATE INDEX "delivery_receipt_target_kind_target_id_idx" ON "notifications"."delivery_receipt"("target_kind", "target_id");

-- CreateIndex
CREATE INDEX "delivery_receipt_served_at_idx" ON "notifications"."delivery_receipt"("served_at");
