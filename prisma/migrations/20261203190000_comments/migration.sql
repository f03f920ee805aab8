-- Comments subgraph (issue 20), written by hand the way `prisma migrate dev` would generate it from
-- prisma/comments.prisma (the schema engine cannot run here); tests/database/schemaMatchesPrisma.test.ts checks it.
-- After the generated part, CHECK constraints Prisma cannot express.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "comments";

-- CreateTable
CREATE TABLE "comments"."comment" (
    "id" UUID NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" UUID NOT NULL,
    "parent_id" UUID,
    "depth" INTEGER NOT NULL,
    "author_account_id" UUID,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'visible',
    "moderation_reason" TEXT,
    "moderated_at" TIMESTAMPTZ(3),
    "moderator_account_id" UUID,
    "up_count" INTEGER NOT NULL DEFAULT 0,
    "down_count" INTEGER NOT NULL DEFAULT 0,
    "reply_count" INTEGER NOT NULL DEFAULT 0,
    "open_report_count" INTEGER NOT NULL DEFAULT 0,
    "reported_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comments"."vote" (
    "comment_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "value" SMALLINT NOT NULL,
    "voted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vote_pkey" PRIMARY KEY ("comment_id","account_id")
);

-- CreateTable
CREATE TABLE "comments"."report" (
    "id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "reporter_account_id" UUID,
    "reason" TEXT NOT NULL,
    "details" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" TEXT,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comments"."outbox_event" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "dead_lettered_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "comment_target_type_target_id_parent_id_created_at_id_idx" ON "comments"."comment"("target_type", "target_id", "parent_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "comment_parent_id_created_at_id_idx" ON "comments"."comment"("parent_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "comment_author_account_id_created_at_idx" ON "comments"."comment"("author_account_id", "created_at");

-- CreateIndex
CREATE INDEX "comment_reported_at_id_idx" ON "comments"."comment"("reported_at", "id");

-- CreateIndex
CREATE INDEX "vote_account_id_idx" ON "comments"."vote"("account_id");

-- CreateIndex
CREATE INDEX "report_reporter_account_id_idx" ON "comments"."report"("reporter_account_id");

-- CreateIndex
CREATE INDEX "report_resolved_at_idx" ON "comments"."report"("resolved_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_comment_id_reporter_account_id_key" ON "comments"."report"("comment_id", "reporter_account_id");

-- CreateIndex
CREATE INDEX "outbox_event_delivered_at_next_attempt_at_idx" ON "comments"."outbox_event"("delivered_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_event_subject_occurred_at_idx" ON "comments"."outbox_event"("subject", "occurred_at");

-- AddForeignKey
ALTER TABLE "comments"."comment" ADD CONSTRAINT "comment_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "comments"."comment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments"."vote" ADD CONSTRAINT "vote_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"."comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments"."report" ADD CONSTRAINT "report_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"."comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in Prisma: the closed vocabularies, and counters that never go below zero.
ALTER TABLE "comments"."comment" ADD CONSTRAINT "comment_target_type_check"
    CHECK ("target_type" IN ('petition', 'budget_project', 'project', 'consultation'));
ALTER TABLE "comments"."comment" ADD CONSTRAINT "comment_state_check"
    CHECK ("state" IN ('visible', 'hidden', 'deleted'));
ALTER TABLE "comments"."comment" ADD CONSTRAINT "comment_counts_check"
    CHECK ("up_count" >= 0 AND "down_count" >= 0 AND "reply_count" >= 0 AND "open_report_count" >= 0 AND "depth" >= 0);
ALTER TABLE "comments"."vote" ADD CONSTRAINT "vote_value_check" CHECK ("value" IN (1, -1));
ALTER TABLE "comments"."report" ADD CONSTRAINT "report_reason_check"
    CHECK ("reason" IN ('spam', 'insult', 'harassment', 'hate', 'personal_data', 'off_topic', 'other'));
