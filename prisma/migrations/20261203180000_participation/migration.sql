-- Participation subgraph (issue 20): projects, their timelines and links, consultations with their meetings and
-- documents, and the outbox. Written by hand the way `prisma migrate dev` would generate it from
-- prisma/participation.prisma; tests/database/schemaMatchesPrisma.test.ts checks it.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "participation";

-- CreateTable
CREATE TABLE "participation"."project" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "budget_text" TEXT,
    "label" TEXT,
    "duration_text" TEXT,
    "partners" TEXT[],
    "contact" TEXT,
    "image_url" TEXT,
    "responsible_service" TEXT,
    "quartier_ids" UUID[],
    "commune_ids" UUID[],
    "places" JSONB NOT NULL DEFAULT '[]',
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "created_by_account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participation"."project_step" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "start_announced_at" TIMESTAMPTZ(3),

    CONSTRAINT "project_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participation"."project_link" (
    "project_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "target_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_link_pkey" PRIMARY KEY ("project_id","kind","target_id")
);

-- CreateTable
CREATE TABLE "participation"."consultation" (
    "id" UUID NOT NULL,
    "project_id" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "publication_starts_at" TIMESTAMPTZ(3) NOT NULL,
    "publication_ends_at" TIMESTAMPTZ(3),
    "participation_starts_at" TIMESTAMPTZ(3) NOT NULL,
    "participation_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "opened_announced_at" TIMESTAMPTZ(3),
    "minimum_age" INTEGER,
    "require_resident" BOOLEAN NOT NULL DEFAULT false,
    "require_pact" BOOLEAN NOT NULL DEFAULT false,
    "quartier_ids" UUID[],
    "results_published_at" TIMESTAMPTZ(3),
    "synthesis" TEXT,
    "city_answer" TEXT,
    "results" JSONB,
    "created_by_account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participation"."meeting" (
    "id" UUID NOT NULL,
    "consultation_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "address" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "agenda_event_id" UUID,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participation"."document" (
    "id" UUID NOT NULL,
    "consultation_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL,

    CONSTRAINT "document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participation"."outbox_event" (
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
CREATE INDEX "project_created_at_id_idx" ON "participation"."project"("created_at", "id");

-- CreateIndex
CREATE INDEX "project_latitude_longitude_idx" ON "participation"."project"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "project_created_by_account_id_idx" ON "participation"."project"("created_by_account_id");

-- CreateIndex
CREATE INDEX "project_step_project_id_position_idx" ON "participation"."project_step"("project_id", "position");

-- CreateIndex
CREATE INDEX "project_step_start_announced_at_starts_at_idx" ON "participation"."project_step"("start_announced_at", "starts_at");

-- CreateIndex
CREATE INDEX "consultation_project_id_idx" ON "participation"."consultation"("project_id");

-- CreateIndex
CREATE INDEX "consultation_created_at_id_idx" ON "participation"."consultation"("created_at", "id");

-- CreateIndex
CREATE INDEX "consultation_opened_announced_at_participation_starts_at_idx" ON "participation"."consultation"("opened_announced_at", "participation_starts_at");

-- CreateIndex
CREATE INDEX "consultation_closed_at_participation_ends_at_idx" ON "participation"."consultation"("closed_at", "participation_ends_at");

-- CreateIndex
CREATE INDEX "consultation_created_by_account_id_idx" ON "participation"."consultation"("created_by_account_id");

-- CreateIndex
CREATE INDEX "meeting_consultation_id_starts_at_idx" ON "participation"."meeting"("consultation_id", "starts_at");

-- CreateIndex
CREATE INDEX "document_consultation_id_position_idx" ON "participation"."document"("consultation_id", "position");

-- CreateIndex
CREATE INDEX "outbox_event_delivered_at_next_attempt_at_idx" ON "participation"."outbox_event"("delivered_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_event_subject_occurred_at_idx" ON "participation"."outbox_event"("subject", "occurred_at");
