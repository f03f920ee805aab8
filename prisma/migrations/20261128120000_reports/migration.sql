-- Reports subgraph (issue 6), written by hand the way `prisma migrate dev` would generate it from
-- prisma/reports.prisma (the schema engine cannot run here). tests/database/schemaMatchesPrisma.test.ts checks the
-- result against the Prisma schema. Never edit it once applied anywhere: add a new migration folder instead.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "reports";

-- CreateTable
CREATE TABLE "reports"."responsible_service" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "responsible_service_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "reports"."report_category" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "group_name" TEXT NOT NULL,
    "keywords" TEXT[],
    "default_service_code" TEXT NOT NULL,
    "anonymous_allowed" BOOLEAN NOT NULL DEFAULT false,
    "expected_resolution_days" INTEGER,
    "service_notice" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports"."report_category_attribute" (
    "id" UUID NOT NULL,
    "category_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "datatype" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "variable" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL,
    "datatype_description" TEXT,
    "position" INTEGER NOT NULL,
    "options" JSONB NOT NULL,

    CONSTRAINT "report_category_attribute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports"."report_routing_rule" (
    "id" UUID NOT NULL,
    "category_id" UUID NOT NULL,
    "commune_insee_code" TEXT NOT NULL,
    "service_code" TEXT NOT NULL,

    CONSTRAINT "report_routing_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports"."report" (
    "id" UUID NOT NULL,
    "category_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "status_reason" TEXT,
    "duplicate_of_id" UUID,
    "description" TEXT NOT NULL,
    "address" TEXT,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "commune_id" UUID,
    "commune_insee_code" TEXT,
    "quartier_id" UUID,
    "service_code" TEXT NOT NULL,
    "needs_routing" BOOLEAN NOT NULL DEFAULT false,
    "assignee_account_id" UUID,
    "expected_resolution_at" TIMESTAMPTZ(3),
    "attributes" JSONB NOT NULL,
    "reporter_account_id" UUID,
    "partner_client_id" TEXT,
    "tracking_token" TEXT NOT NULL,
    "external_media_url" TEXT,
    "support_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports"."report_contact" (
    "report_id" UUID NOT NULL,
    "first_name" TEXT,
    "last_name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_contact_pkey" PRIMARY KEY ("report_id")
);

-- CreateTable
CREATE TABLE "reports"."report_history_entry" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT,
    "from_service_code" TEXT,
    "to_service_code" TEXT,
    "public_note" TEXT,
    "internal_note" TEXT,
    "public" BOOLEAN NOT NULL DEFAULT true,
    "actor_kind" TEXT NOT NULL,
    "actor_account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_history_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports"."report_support" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_support_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports"."report_photo" (
    "id" UUID NOT NULL,
    "report_id" UUID,
    "media_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploader_account_id" UUID,
    "uploader_client_id" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_photo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reports"."outbox_event" (
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
CREATE UNIQUE INDEX "report_category_code_key" ON "reports"."report_category"("code");

-- CreateIndex
CREATE INDEX "report_category_default_service_code_idx" ON "reports"."report_category"("default_service_code");

-- CreateIndex
CREATE UNIQUE INDEX "report_category_attribute_category_id_code_key" ON "reports"."report_category_attribute"("category_id", "code");

-- CreateIndex
CREATE INDEX "report_routing_rule_service_code_idx" ON "reports"."report_routing_rule"("service_code");

-- CreateIndex
CREATE UNIQUE INDEX "report_routing_rule_category_id_commune_insee_code_key" ON "reports"."report_routing_rule"("category_id", "commune_insee_code");

-- CreateIndex
CREATE UNIQUE INDEX "report_tracking_token_key" ON "reports"."report"("tracking_token");

-- CreateIndex
CREATE INDEX "report_lat_lon_idx" ON "reports"."report"("lat", "lon");

-- CreateIndex
CREATE INDEX "report_category_id_status_idx" ON "reports"."report"("category_id", "status");

-- CreateIndex
CREATE INDEX "report_service_code_status_idx" ON "reports"."report"("service_code", "status");

-- CreateIndex
CREATE INDEX "report_quartier_id_idx" ON "reports"."report"("quartier_id");

-- CreateIndex
CREATE INDEX "report_reporter_account_id_idx" ON "reports"."report"("reporter_account_id");

-- CreateIndex
CREATE INDEX "report_duplicate_of_id_idx" ON "reports"."report"("duplicate_of_id");

-- CreateIndex
CREATE INDEX "report_history_entry_report_id_created_at_idx" ON "reports"."report_history_entry"("report_id", "created_at");

-- CreateIndex
CREATE INDEX "report_history_entry_actor_account_id_idx" ON "reports"."report_history_entry"("actor_account_id");

-- CreateIndex
CREATE INDEX "report_support_account_id_idx" ON "reports"."report_support"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "report_support_report_id_account_id_key" ON "reports"."report_support"("report_id", "account_id");

-- CreateIndex
CREATE INDEX "report_photo_report_id_idx" ON "reports"."report_photo"("report_id");

-- CreateIndex
CREATE INDEX "report_photo_expires_at_idx" ON "reports"."report_photo"("expires_at");

-- CreateIndex
CREATE INDEX "report_photo_uploader_account_id_idx" ON "reports"."report_photo"("uploader_account_id");

-- CreateIndex
CREATE INDEX "outbox_event_delivered_at_next_attempt_at_idx" ON "reports"."outbox_event"("delivered_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_event_subject_occurred_at_idx" ON "reports"."outbox_event"("subject", "occurred_at");

-- AddForeignKey
ALTER TABLE "reports"."report_category" ADD CONSTRAINT "report_category_default_service_code_fkey" FOREIGN KEY ("default_service_code") REFERENCES "reports"."responsible_service"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report_category_attribute" ADD CONSTRAINT "report_category_attribute_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "reports"."report_category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report_routing_rule" ADD CONSTRAINT "report_routing_rule_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "reports"."report_category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report_routing_rule" ADD CONSTRAINT "report_routing_rule_service_code_fkey" FOREIGN KEY ("service_code") REFERENCES "reports"."responsible_service"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report" ADD CONSTRAINT "report_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "reports"."report_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report" ADD CONSTRAINT "report_duplicate_of_id_fkey" FOREIGN KEY ("duplicate_of_id") REFERENCES "reports"."report"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report" ADD CONSTRAINT "report_service_code_fkey" FOREIGN KEY ("service_code") REFERENCES "reports"."responsible_service"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report_contact" ADD CONSTRAINT "report_contact_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"."report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report_history_entry" ADD CONSTRAINT "report_history_entry_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"."report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report_support" ADD CONSTRAINT "report_support_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"."report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports"."report_photo" ADD CONSTRAINT "report_photo_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"."report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------------
-- Beyond what Prisma generates: CHECK constraints that keep the closed vocabularies and ranges true in the
-- database itself, whatever writes to it. Constraints are not indexes: the schema comparison does not see them.

-- Statuses of the lifecycle (subgraphs/reports/domain/lifecycle.ts).
ALTER TABLE "reports"."report" ADD CONSTRAINT "report_status_check"
    CHECK ("status" IN ('submitted', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'duplicate', 'redirected'));

-- WGS 84 ranges (the territory check is the domain's; this only refuses impossible coordinates).
ALTER TABLE "reports"."report" ADD CONSTRAINT "report_location_check"
    CHECK ("lat" BETWEEN -90 AND 90 AND "lon" BETWEEN -180 AND 180);

-- The "me too" counter never goes negative, and a duplicate never points at itself.
ALTER TABLE "reports"."report" ADD CONSTRAINT "report_support_count_check" CHECK ("support_count" >= 0);
ALTER TABLE "reports"."report" ADD CONSTRAINT "report_duplicate_of_check" CHECK ("duplicate_of_id" <> "id");

-- GeoReport v2 datatypes.
ALTER TABLE "reports"."report_category_attribute" ADD CONSTRAINT "report_category_attribute_datatype_check"
    CHECK ("datatype" IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'));

-- Kinds of history lines and of actors.
ALTER TABLE "reports"."report_history_entry" ADD CONSTRAINT "report_history_entry_kind_check"
    CHECK ("kind" IN ('submitted', 'status_changed', 'rerouted', 'merged', 'assigned', 'located'));
ALTER TABLE "reports"."report_history_entry" ADD CONSTRAINT "report_history_entry_actor_kind_check"
    CHECK ("actor_kind" IN ('anonymous', 'citizen', 'staff', 'partner', 'system'));
