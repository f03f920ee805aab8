-- Directory: boundaries of communes and quartiers, organisations and their relations, places, initiatives,
-- the Strasbourg.eu agenda, contributions, synchronisation runs and the outbox. Written by hand the way
-- `prisma migrate dev` would generate it from prisma/directory.prisma (the schema engine cannot run here);
-- tests/database/schemaMatchesPrisma.test.ts checks the result. Never edit it once applied: add a new migration.

-- AlterTable
ALTER TABLE "directory"."commune" ADD COLUMN     "boundary" JSONB,
ADD COLUMN     "boundary_fetched_at" TIMESTAMPTZ(3),
ADD COLUMN     "boundary_source" TEXT,
ADD COLUMN     "max_lat" DOUBLE PRECISION,
ADD COLUMN     "max_lon" DOUBLE PRECISION,
ADD COLUMN     "min_lat" DOUBLE PRECISION,
ADD COLUMN     "min_lon" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "directory"."quartier" ADD COLUMN     "boundary" JSONB,
ADD COLUMN     "boundary_fetched_at" TIMESTAMPTZ(3),
ADD COLUMN     "boundary_source" TEXT,
ADD COLUMN     "boundary_source_id" TEXT,
ADD COLUMN     "max_lat" DOUBLE PRECISION,
ADD COLUMN     "max_lon" DOUBLE PRECISION,
ADD COLUMN     "min_lat" DOUBLE PRECISION,
ADD COLUMN     "min_lon" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "directory"."organization" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "description" TEXT,
    "website" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "quartier_id" UUID,
    "commune_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "source" TEXT NOT NULL DEFAULT 'parvis',
    "source_id" TEXT,
    "fetched_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."organization_relation" (
    "id" UUID NOT NULL,
    "from_id" UUID NOT NULL,
    "to_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "valid_from" DATE,
    "valid_until" DATE,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_relation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."place" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT,
    "address" TEXT,
    "zip_code" TEXT,
    "city" TEXT,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "quartier_id" UUID,
    "commune_id" UUID,
    "opening" JSONB,
    "accessibility" JSONB,
    "phone" TEXT,
    "email" TEXT,
    "website" TEXT,
    "image_url" TEXT,
    "type_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source" TEXT NOT NULL DEFAULT 'parvis',
    "source_id" TEXT,
    "content_hash" TEXT,
    "fetched_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "place_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."initiative" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "organizer_organization_id" UUID,
    "organizer_account_id" UUID,
    "place_id" UUID,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "quartier_id" UUID,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'published',
    "volunteers_wanted" BOOLEAN NOT NULL DEFAULT false,
    "volunteers_needed" INTEGER,
    "volunteer_call" TEXT,
    "volunteer_deadline" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "initiative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."initiative_volunteer" (
    "id" UUID NOT NULL,
    "initiative_id" UUID NOT NULL,
    "account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "initiative_volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."event" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "subtitle" TEXT,
    "description" TEXT,
    "image_url" TEXT,
    "place_id" UUID,
    "place_name" TEXT,
    "address" TEXT,
    "city" TEXT,
    "periods" JSONB NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "free_entry" INTEGER,
    "price" TEXT,
    "url" TEXT,
    "category_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "content_hash" TEXT NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."event_organization" (
    "event_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_organization_pkey" PRIMARY KEY ("event_id","organization_id")
);

-- CreateTable
CREATE TABLE "directory"."category" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parent_source_id" TEXT,
    "level" INTEGER,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."sync_run" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "malformed" INTEGER NOT NULL DEFAULT 0,
    "rejections" JSONB,
    "error" TEXT,

    CONSTRAINT "sync_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."organization_claim" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "account_id" UUID,
    "message" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_account_id" UUID,
    "decision_note" TEXT,

    CONSTRAINT "organization_claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."organization_edit_proposal" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "proposed_by_account_id" UUID,
    "changes" JSONB NOT NULL,
    "base_version" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_account_id" UUID,
    "decision_note" TEXT,

    CONSTRAINT "organization_edit_proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."organization_revision" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,
    "origin" TEXT NOT NULL,
    "proposal_id" UUID,
    "edited_by_account_id" UUID,
    "edited_by_client" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."outbox_event" (
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
CREATE UNIQUE INDEX "quartier_boundary_source_id_key" ON "directory"."quartier"("boundary_source_id");

-- CreateIndex
CREATE UNIQUE INDEX "organization_slug_key" ON "directory"."organization"("slug");

-- CreateIndex
CREATE INDEX "organization_kind_name_idx" ON "directory"."organization"("kind", "name");

-- CreateIndex
CREATE INDEX "organization_name_id_idx" ON "directory"."organization"("name", "id");

-- CreateIndex
CREATE INDEX "organization_quartier_id_idx" ON "directory"."organization"("quartier_id");

-- CreateIndex
CREATE INDEX "organization_commune_id_idx" ON "directory"."organization"("commune_id");

-- CreateIndex
CREATE UNIQUE INDEX "organization_source_source_id_key" ON "directory"."organization"("source", "source_id");

-- CreateIndex
CREATE INDEX "organization_relation_from_id_type_idx" ON "directory"."organization_relation"("from_id", "type");

-- CreateIndex
CREATE INDEX "organization_relation_to_id_type_idx" ON "directory"."organization_relation"("to_id", "type");

-- CreateIndex
CREATE INDEX "place_lat_lon_idx" ON "directory"."place"("lat", "lon");

-- CreateIndex
CREATE INDEX "place_name_id_idx" ON "directory"."place"("name", "id");

-- CreateIndex
CREATE INDEX "place_quartier_id_idx" ON "directory"."place"("quartier_id");

-- CreateIndex
CREATE INDEX "place_commune_id_idx" ON "directory"."place"("commune_id");

-- CreateIndex
CREATE UNIQUE INDEX "place_source_source_id_key" ON "directory"."place"("source", "source_id");

-- CreateIndex
CREATE INDEX "initiative_starts_at_id_idx" ON "directory"."initiative"("starts_at", "id");

-- CreateIndex
CREATE INDEX "initiative_lat_lon_idx" ON "directory"."initiative"("lat", "lon");

-- CreateIndex
CREATE INDEX "initiative_organizer_account_id_idx" ON "directory"."initiative"("organizer_account_id");

-- CreateIndex
CREATE INDEX "initiative_organizer_organization_id_idx" ON "directory"."initiative"("organizer_organization_id");

-- CreateIndex
CREATE INDEX "initiative_place_id_idx" ON "directory"."initiative"("place_id");

-- CreateIndex
CREATE INDEX "initiative_quartier_id_idx" ON "directory"."initiative"("quartier_id");

-- CreateIndex
CREATE INDEX "initiative_volunteer_account_id_idx" ON "directory"."initiative_volunteer"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "initiative_volunteer_initiative_id_account_id_key" ON "directory"."initiative_volunteer"("initiative_id", "account_id");

-- CreateIndex
CREATE INDEX "event_start_date_end_date_idx" ON "directory"."event"("start_date", "end_date");

-- CreateIndex
CREATE INDEX "event_place_id_idx" ON "directory"."event"("place_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_source_source_id_key" ON "directory"."event"("source", "source_id");

-- CreateIndex
CREATE INDEX "event_organization_organization_id_idx" ON "directory"."event_organization"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "category_source_kind_source_id_key" ON "directory"."category"("source", "kind", "source_id");

-- CreateIndex
CREATE INDEX "sync_run_source_started_at_idx" ON "directory"."sync_run"("source", "started_at");

-- CreateIndex
CREATE INDEX "organization_claim_organization_id_status_idx" ON "directory"."organization_claim"("organization_id", "status");

-- CreateIndex
CREATE INDEX "organization_claim_account_id_idx" ON "directory"."organization_claim"("account_id");

-- CreateIndex
CREATE INDEX "organization_claim_status_created_at_idx" ON "directory"."organization_claim"("status", "created_at");

-- CreateIndex
CREATE INDEX "organization_edit_proposal_organization_id_status_idx" ON "directory"."organization_edit_proposal"("organization_id", "status");

-- CreateIndex
CREATE INDEX "organization_edit_proposal_proposed_by_account_id_idx" ON "directory"."organization_edit_proposal"("proposed_by_account_id");

-- CreateIndex
CREATE INDEX "organization_edit_proposal_status_created_at_idx" ON "directory"."organization_edit_proposal"("status", "created_at");

-- CreateIndex
CREATE INDEX "organization_revision_edited_by_account_id_idx" ON "directory"."organization_revision"("edited_by_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "organization_revision_organization_id_version_key" ON "directory"."organization_revision"("organization_id", "version");

-- CreateIndex
CREATE INDEX "outbox_event_delivered_at_next_attempt_at_idx" ON "directory"."outbox_event"("delivered_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_event_subject_occurred_at_idx" ON "directory"."outbox_event"("subject", "occurred_at");

-- AddForeignKey
ALTER TABLE "directory"."organization" ADD CONSTRAINT "organization_quartier_id_fkey" FOREIGN KEY ("quartier_id") REFERENCES "directory"."quartier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."organization" ADD CONSTRAINT "organization_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "directory"."commune"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."organization_relation" ADD CONSTRAINT "organization_relation_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "directory"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."organization_relation" ADD CONSTRAINT "organization_relation_to_id_fkey" FOREIGN KEY ("to_id") REFERENCES "directory"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."place" ADD CONSTRAINT "place_quartier_id_fkey" FOREIGN KEY ("quartier_id") REFERENCES "directory"."quartier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."place" ADD CONSTRAINT "place_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "directory"."commune"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."initiative" ADD CONSTRAINT "initiative_organizer_organization_id_fkey" FOREIGN KEY ("organizer_organization_id") REFERENCES "directory"."organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."initiative" ADD CONSTRAINT "initiative_place_id_fkey" FOREIGN KEY ("place_id") REFERENCES "directory"."place"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."initiative" ADD CONSTRAINT "initiative_quartier_id_fkey" FOREIGN KEY ("quartier_id") REFERENCES "directory"."quartier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."initiative_volunteer" ADD CONSTRAINT "initiative_volunteer_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "directory"."initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."event" ADD CONSTRAINT "event_place_id_fkey" FOREIGN KEY ("place_id") REFERENCES "directory"."place"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."event_organization" ADD CONSTRAINT "event_organization_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "directory"."event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."event_organization" ADD CONSTRAINT "event_organization_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "directory"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."organization_claim" ADD CONSTRAINT "organization_claim_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "directory"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."organization_edit_proposal" ADD CONSTRAINT "organization_edit_proposal_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "directory"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory"."organization_revision" ADD CONSTRAINT "organization_revision_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "directory"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
