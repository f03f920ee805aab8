-- Budget subgraph (issue 5): the participatory budget. Written by hand the way `prisma migrate dev` would generate
-- it from prisma/budget.prisma; tests/database/schemaMatchesPrisma.test.ts checks the result. The statements Prisma
-- cannot express (CHECK constraints, the ballot-protection trigger) follow the generated part, commented.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "budget";

-- CreateTable
CREATE TABLE "budget"."campaign" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "total_budget_cents" INTEGER NOT NULL,
    "project_cap_cents" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "submission_starts_at" TIMESTAMPTZ(3) NOT NULL,
    "submission_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "voting_starts_at" TIMESTAMPTZ(3) NOT NULL,
    "voting_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "ballot_scope" TEXT NOT NULL,
    "ballot_changeable" BOOLEAN NOT NULL,
    "require_resident" BOOLEAN NOT NULL,
    "require_pact" BOOLEAN NOT NULL,
    "minimum_age" INTEGER,
    "results_published_at" TIMESTAMPTZ(3),
    "results_ballot_count" INTEGER,
    "results_ledger_size" INTEGER,
    "results_ledger_root" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."envelope" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "quartier_id" UUID,
    "label" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "ballot_style" TEXT NOT NULL,
    "max_projects" INTEGER,
    "minimum_share_percent" INTEGER,
    "position" INTEGER NOT NULL,

    CONSTRAINT "envelope_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."project" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "envelope_id" UUID NOT NULL,
    "author_id" UUID,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quartier_id" UUID,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "estimated_cost_cents" INTEGER NOT NULL,
    "reviewed_cost_cents" INTEGER,
    "links" TEXT[],
    "status" TEXT NOT NULL,
    "merged_into_id" UUID,
    "progress_percent" INTEGER,
    "final_cost_cents" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."status_change" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "reason" TEXT,
    "actor_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "status_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."review" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "cost_estimate_cents" INTEGER,
    "internal_note" TEXT,
    "reviewer_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."milestone" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "due_on" DATE,
    "reached_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."note" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."phase_change" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "from_phase" TEXT NOT NULL,
    "to_phase" TEXT NOT NULL,
    "actor_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "phase_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."ballot" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "voter_key" TEXT NOT NULL,
    "ledger_token" TEXT NOT NULL,
    "project_ids" UUID[],
    "total_cost_cents" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "cast_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erased_at" TIMESTAMPTZ(3),

    CONSTRAINT "ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."ballot_request" (
    "ballot_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "project_ids" UUID[],
    "revision" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ballot_request_pkey" PRIMARY KEY ("ballot_id","idempotency_key")
);

-- CreateTable
CREATE TABLE "budget"."result" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "envelope_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "votes" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "selected" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget"."outbox_event" (
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
CREATE TABLE "budget"."ledger_log" (
    "log_id" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "root_hash" BYTEA NOT NULL,
    "frontier" BYTEA NOT NULL,
    "total" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_log_pkey" PRIMARY KEY ("log_id")
);

-- CreateTable
CREATE TABLE "budget"."ledger_entry" (
    "log_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "entry" TEXT NOT NULL,
    "leaf_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("log_id","seq")
);

-- CreateTable
CREATE TABLE "budget"."ledger_node" (
    "log_id" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "idx" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "ledger_node_pkey" PRIMARY KEY ("log_id","level","idx")
);

-- CreateIndex
CREATE INDEX "campaign_created_at_idx" ON "budget"."campaign"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "envelope_campaign_id_quartier_id_key" ON "budget"."envelope"("campaign_id", "quartier_id");

-- CreateIndex
CREATE INDEX "project_campaign_id_status_idx" ON "budget"."project"("campaign_id", "status");

-- CreateIndex
CREATE INDEX "project_envelope_id_idx" ON "budget"."project"("envelope_id");

-- CreateIndex
CREATE INDEX "project_author_id_idx" ON "budget"."project"("author_id");

-- CreateIndex
CREATE INDEX "project_merged_into_id_idx" ON "budget"."project"("merged_into_id");

-- CreateIndex
CREATE INDEX "project_latitude_longitude_idx" ON "budget"."project"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "status_change_project_id_occurred_at_idx" ON "budget"."status_change"("project_id", "occurred_at");

-- CreateIndex
CREATE INDEX "status_change_actor_id_idx" ON "budget"."status_change"("actor_id");

-- CreateIndex
CREATE INDEX "review_project_id_idx" ON "budget"."review"("project_id");

-- CreateIndex
CREATE INDEX "review_reviewer_id_idx" ON "budget"."review"("reviewer_id");

-- CreateIndex
CREATE INDEX "milestone_project_id_idx" ON "budget"."milestone"("project_id");

-- CreateIndex
CREATE INDEX "note_project_id_created_at_idx" ON "budget"."note"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "note_author_id_idx" ON "budget"."note"("author_id");

-- CreateIndex
CREATE INDEX "phase_change_campaign_id_occurred_at_idx" ON "budget"."phase_change"("campaign_id", "occurred_at");

-- CreateIndex
CREATE INDEX "phase_change_actor_id_idx" ON "budget"."phase_change"("actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "ballot_campaign_id_voter_key_key" ON "budget"."ballot"("campaign_id", "voter_key");

-- CreateIndex
CREATE UNIQUE INDEX "ballot_ledger_token_key" ON "budget"."ballot"("ledger_token");

-- CreateIndex
CREATE INDEX "result_envelope_id_idx" ON "budget"."result"("envelope_id");

-- CreateIndex
CREATE INDEX "result_project_id_idx" ON "budget"."result"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "result_campaign_id_project_id_key" ON "budget"."result"("campaign_id", "project_id");

-- CreateIndex
CREATE INDEX "outbox_event_delivered_at_next_attempt_at_idx" ON "budget"."outbox_event"("delivered_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_event_subject_occurred_at_idx" ON "budget"."outbox_event"("subject", "occurred_at");

-- AddForeignKey
ALTER TABLE "budget"."envelope" ADD CONSTRAINT "envelope_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "budget"."campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."project" ADD CONSTRAINT "project_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "budget"."campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."project" ADD CONSTRAINT "project_envelope_id_fkey" FOREIGN KEY ("envelope_id") REFERENCES "budget"."envelope"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."project" ADD CONSTRAINT "project_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "budget"."project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."status_change" ADD CONSTRAINT "status_change_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "budget"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."review" ADD CONSTRAINT "review_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "budget"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."milestone" ADD CONSTRAINT "milestone_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "budget"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."note" ADD CONSTRAINT "note_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "budget"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."phase_change" ADD CONSTRAINT "phase_change_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "budget"."campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."ballot" ADD CONSTRAINT "ballot_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "budget"."campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."ballot_request" ADD CONSTRAINT "ballot_request_ballot_id_fkey" FOREIGN KEY ("ballot_id") REFERENCES "budget"."ballot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."result" ADD CONSTRAINT "result_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "budget"."campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."result" ADD CONSTRAINT "result_envelope_id_fkey" FOREIGN KEY ("envelope_id") REFERENCES "budget"."envelope"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget"."result" ADD CONSTRAINT "result_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "budget"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---- Beyond what Prisma generates -----------------------------------------------------------------------------

-- Money is never negative and a project never costs nothing; percentages stay within 0–100.
ALTER TABLE "budget"."campaign" ADD CONSTRAINT "campaign_amounts_check"
    CHECK ("total_budget_cents" > 0 AND "project_cap_cents" > 0 AND "project_cap_cents" <= "total_budget_cents");
ALTER TABLE "budget"."envelope" ADD CONSTRAINT "envelope_amount_check" CHECK ("amount_cents" > 0);
ALTER TABLE "budget"."envelope" ADD CONSTRAINT "envelope_rules_check"
    CHECK (("max_projects" IS NULL OR "max_projects" > 0)
       AND ("minimum_share_percent" IS NULL OR "minimum_share_percent" BETWEEN 0 AND 100));
ALTER TABLE "budget"."project" ADD CONSTRAINT "project_costs_check"
    CHECK ("estimated_cost_cents" > 0 AND ("reviewed_cost_cents" IS NULL OR "reviewed_cost_cents" > 0)
       AND ("final_cost_cents" IS NULL OR "final_cost_cents" >= 0)
       AND ("progress_percent" IS NULL OR "progress_percent" BETWEEN 0 AND 100));

-- A ballot's entries in its campaign's ledger, found by their token (for the voter's inclusion proof) without
-- storing the leaf index: the append stays the last write of a cast, so the ledger's lock is held the least time.
CREATE INDEX "ledger_entry_token_idx" ON "budget"."ledger_entry"("log_id", (("entry"::jsonb) ->> 'token'));

-- Nobody alters a ballot, staff included: rows are never deleted, and an update either replaces the selection as a
-- new revision while the campaign is voting (the voter's own change, when the campaign allows it) or only
-- detaches the ballot from its voter (erasure). Everything else is refused by the database itself.
CREATE FUNCTION "budget"."protect_ballot"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'budget ballots cannot be deleted';
    END IF;
    IF NEW.id <> OLD.id OR NEW.campaign_id <> OLD.campaign_id OR NEW.ledger_token <> OLD.ledger_token
       OR NEW.cast_at <> OLD.cast_at THEN
        RAISE EXCEPTION 'budget ballots cannot be altered';
    END IF;
    IF NEW.project_ids IS DISTINCT FROM OLD.project_ids OR NEW.revision <> OLD.revision
       OR NEW.total_cost_cents <> OLD.total_cost_cents THEN
        IF NEW.revision <> OLD.revision + 1 OR NOT EXISTS (
            SELECT 1 FROM "budget"."campaign" c
            WHERE c.id = NEW.campaign_id AND c.phase = 'voting' AND c.ballot_changeable) THEN
            RAISE EXCEPTION 'budget ballots can only be replaced by their voter while voting is open';
        END IF;
    END IF;
    IF NEW.voter_key <> OLD.voter_key AND NEW.erased_at IS NULL THEN
        RAISE EXCEPTION 'a ballot is detached from its voter only by erasure';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER "ballot_protect" BEFORE UPDATE OR DELETE ON "budget"."ballot"
    FOR EACH ROW EXECUTE FUNCTION "budget"."protect_ballot"();
