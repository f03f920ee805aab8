-- Petitions subgraph, written by hand the way `prisma migrate dev` would generate it from prisma/petitions.prisma
-- (the schema engine cannot run here); tests/database/schemaMatchesPrisma.test.ts checks it. After the generated
-- part, commented SQL that Prisma cannot express: the French full-text search and CHECK constraints.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "petitions";

-- CreateTable
CREATE TABLE "petitions"."petition" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "quartier_id" UUID,
    "author_account_id" UUID,
    "state" TEXT NOT NULL,
    "rejection_reason" TEXT,
    "response_text" TEXT,
    "responded_at" TIMESTAMPTZ(3),
    "response_service" TEXT,
    "responder_account_id" UUID,
    "moderator_account_id" UUID,
    "online_count" INTEGER NOT NULL DEFAULT 0,
    "paper_count" INTEGER NOT NULL DEFAULT 0,
    "signature_count" INTEGER NOT NULL DEFAULT 0,
    "listed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),
    "moderation_started_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "signing_starts_at" TIMESTAMPTZ(3),
    "signing_ends_at" TIMESTAMPTZ(3),
    "rejected_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "petition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "petitions"."co_author" (
    "petition_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "invited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_at" TIMESTAMPTZ(3),

    CONSTRAINT "co_author_pkey" PRIMARY KEY ("petition_id","account_id")
);

-- CreateTable
CREATE TABLE "petitions"."milestone" (
    "petition_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "reached_at" TIMESTAMPTZ(3) NOT NULL,
    "signature_count" INTEGER NOT NULL,

    CONSTRAINT "milestone_pkey" PRIMARY KEY ("petition_id","kind")
);

-- CreateTable
CREATE TABLE "petitions"."signature" (
    "id" UUID NOT NULL,
    "petition_id" UUID NOT NULL,
    "signer_token" TEXT NOT NULL,
    "account_id" UUID,
    "public_name" TEXT,
    "verification_level" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(3),
    "ledger_seq" BIGINT NOT NULL,

    CONSTRAINT "signature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "petitions"."paper_batch" (
    "id" UUID NOT NULL,
    "petition_id" UUID NOT NULL,
    "count" INTEGER NOT NULL,
    "collected_on" DATE NOT NULL,
    "location" TEXT NOT NULL,
    "entered_by_account_id" UUID,
    "entered_by_service" TEXT,
    "entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledger_seq" BIGINT NOT NULL,

    CONSTRAINT "paper_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "petitions"."idempotency_key" (
    "account_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "petition_id" UUID NOT NULL,
    "signature_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("account_id","key")
);

-- CreateTable
CREATE TABLE "petitions"."export_audit" (
    "id" UUID NOT NULL,
    "petition_id" UUID NOT NULL,
    "actor_account_id" UUID,
    "actor_service" TEXT,
    "purpose" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "exported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledger_seq" BIGINT NOT NULL,

    CONSTRAINT "export_audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "petitions"."outbox_event" (
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

-- CreateTable
CREATE TABLE "petitions"."ledger_log" (
    "log_id" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,
    "root_hash" BYTEA NOT NULL,
    "frontier" BYTEA NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_log_pkey" PRIMARY KEY ("log_id")
);

-- CreateTable
CREATE TABLE "petitions"."ledger_entry" (
    "log_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "entry" TEXT NOT NULL,
    "leaf_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("log_id","seq")
);

-- CreateTable
CREATE TABLE "petitions"."ledger_node" (
    "log_id" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "idx" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "ledger_node_pkey" PRIMARY KEY ("log_id","level","idx")
);

-- CreateIndex
CREATE INDEX "petition_state_submitted_at_idx" ON "petitions"."petition"("state", "submitted_at");

-- CreateIndex
CREATE INDEX "petition_listed_at_id_idx" ON "petitions"."petition"("listed_at", "id");

-- CreateIndex
CREATE INDEX "petition_signature_count_id_idx" ON "petitions"."petition"("signature_count", "id");

-- CreateIndex
CREATE INDEX "petition_signing_ends_at_id_idx" ON "petitions"."petition"("signing_ends_at", "id");

-- CreateIndex
CREATE INDEX "petition_quartier_id_idx" ON "petitions"."petition"("quartier_id");

-- CreateIndex
CREATE INDEX "petition_author_account_id_idx" ON "petitions"."petition"("author_account_id");

-- CreateIndex
CREATE INDEX "petition_theme_idx" ON "petitions"."petition"("theme");

-- CreateIndex
CREATE INDEX "co_author_account_id_idx" ON "petitions"."co_author"("account_id");

-- CreateIndex
CREATE INDEX "signature_account_id_idx" ON "petitions"."signature"("account_id");

-- CreateIndex
CREATE INDEX "signature_petition_id_signed_at_idx" ON "petitions"."signature"("petition_id", "signed_at");

-- CreateIndex
CREATE UNIQUE INDEX "signature_petition_id_signer_token_key" ON "petitions"."signature"("petition_id", "signer_token");

-- CreateIndex
CREATE INDEX "paper_batch_petition_id_idx" ON "petitions"."paper_batch"("petition_id");

-- CreateIndex
CREATE INDEX "export_audit_petition_id_exported_at_idx" ON "petitions"."export_audit"("petition_id", "exported_at");

-- CreateIndex
CREATE INDEX "outbox_event_delivered_at_next_attempt_at_idx" ON "petitions"."outbox_event"("delivered_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_event_subject_occurred_at_idx" ON "petitions"."outbox_event"("subject", "occurred_at");

-- AddForeignKey
ALTER TABLE "petitions"."co_author" ADD CONSTRAINT "co_author_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petitions"."petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "petitions"."milestone" ADD CONSTRAINT "milestone_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petitions"."petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "petitions"."signature" ADD CONSTRAINT "signature_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petitions"."petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "petitions"."paper_batch" ADD CONSTRAINT "paper_batch_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petitions"."petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---- Beyond what Prisma can express --------------------------------------------------------------------------

-- French full-text search with accents ignored: a text search configuration of the schema (French stemming after
-- unaccent), so `to_tsvector('petitions.french_unaccent', …)` is immutable and can be indexed.
CREATE TEXT SEARCH CONFIGURATION "petitions"."french_unaccent" (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION "petitions"."french_unaccent"
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;

-- GIN index of the searchable text (title and body); the listing query uses the same expression.
CREATE INDEX "petition_search_idx" ON "petitions"."petition"
    USING GIN (to_tsvector('petitions.french_unaccent'::regconfig, "title" || ' ' || "body"));

-- Counters are never negative and the total is always online + paper (maintained in the same transaction).
ALTER TABLE "petitions"."petition" ADD CONSTRAINT "petition_counts_check"
    CHECK ("online_count" >= 0 AND "paper_count" >= 0 AND "signature_count" = "online_count" + "paper_count");

-- Only the known lifecycle states.
ALTER TABLE "petitions"."petition" ADD CONSTRAINT "petition_state_check"
    CHECK ("state" IN ('draft', 'submitted', 'in_moderation', 'published', 'answered', 'closed', 'rejected', 'withdrawn'));

-- A paper batch counts at least one signature.
ALTER TABLE "petitions"."paper_batch" ADD CONSTRAINT "paper_batch_count_check" CHECK ("count" > 0);
