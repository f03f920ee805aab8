-- Staff subgraph, written by hand the way `prisma migrate dev` would generate it from prisma/staff.prisma
-- (the schema engine cannot run here); tests/database/schemaMatchesPrisma.test.ts checks it. After the generated
-- part, commented SQL that Prisma cannot express: CHECK constraints and the append-only guard of the audit trail.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "staff";

-- CreateTable
CREATE TABLE "staff"."investigation" (
    "id" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "operation" TEXT NOT NULL,
    "variables" JSONB NOT NULL DEFAULT '{}',
    "visibility" TEXT NOT NULL,
    "seed_key" TEXT,
    "created_by_account_id" UUID,
    "updated_by_account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "investigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff"."audit_record" (
    "id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_kind" TEXT NOT NULL,
    "actor_account_id" UUID,
    "actor_client_id" TEXT,
    "actor_token" TEXT NOT NULL,
    "staff_service" TEXT,
    "operation_name" TEXT,
    "operation_type" TEXT NOT NULL,
    "document_hash" TEXT NOT NULL,
    "variables_hash" TEXT NOT NULL,
    "personal_fields" TEXT[],
    "personal_value_count" INTEGER NOT NULL,
    "request_id" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "ledger_seq" BIGINT NOT NULL,

    CONSTRAINT "audit_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff"."ledger_log" (
    "log_id" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,
    "root_hash" BYTEA NOT NULL,
    "frontier" BYTEA NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_log_pkey" PRIMARY KEY ("log_id")
);

-- CreateTable
CREATE TABLE "staff"."ledger_entry" (
    "log_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "entry" TEXT NOT NULL,
    "leaf_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("log_id","seq")
);

-- CreateTable
CREATE TABLE "staff"."ledger_node" (
    "log_id" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "idx" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "ledger_node_pkey" PRIMARY KEY ("log_id","level","idx")
);

-- CreateIndex
CREATE UNIQUE INDEX "investigation_seed_key_key" ON "staff"."investigation"("seed_key");

-- CreateIndex
CREATE INDEX "investigation_visibility_name_id_idx" ON "staff"."investigation"("visibility", "name", "id");

-- CreateIndex
CREATE INDEX "investigation_created_by_account_id_idx" ON "staff"."investigation"("created_by_account_id");

-- CreateIndex
CREATE INDEX "investigation_updated_by_account_id_idx" ON "staff"."investigation"("updated_by_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "investigation_service_name_key" ON "staff"."investigation"("service", "name");

-- CreateIndex
CREATE UNIQUE INDEX "audit_record_ledger_seq_key" ON "staff"."audit_record"("ledger_seq");

-- CreateIndex
CREATE INDEX "audit_record_occurred_at_id_idx" ON "staff"."audit_record"("occurred_at", "id");

-- CreateIndex
CREATE INDEX "audit_record_actor_account_id_occurred_at_idx" ON "staff"."audit_record"("actor_account_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_record_actor_client_id_occurred_at_idx" ON "staff"."audit_record"("actor_client_id", "occurred_at");

-- Not expressible in Prisma: the closed sets of values, as CHECK constraints.
ALTER TABLE "staff"."investigation"
    ADD CONSTRAINT "investigation_visibility_check" CHECK ("visibility" IN ('service', 'all_staff'));
ALTER TABLE "staff"."audit_record"
    ADD CONSTRAINT "audit_record_actor_kind_check" CHECK ("actor_kind" IN ('staff', 'partner')),
    ADD CONSTRAINT "audit_record_operation_type_check" CHECK ("operation_type" IN ('query', 'mutation', 'subscription'));

-- Not expressible in Prisma: the audit trail is append-only. A record is never deleted, and the only change
-- allowed is the erasure of the actor's account id (the actor token, covered by the ledger digest, stays).
-- The ledger makes any other change detectable; this guard makes it impossible for the application's own role.
CREATE OR REPLACE FUNCTION "staff"."audit_record_append_only"() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'staff.audit_record is append-only';
    END IF;
    IF NEW.actor_account_id IS NULL
       AND (to_jsonb(NEW) - 'actor_account_id') = (to_jsonb(OLD) - 'actor_account_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'staff.audit_record is append-only (only the actor account id may be erased)';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_record_append_only"
    BEFORE UPDATE OR DELETE ON "staff"."audit_record"
    FOR EACH ROW EXECUTE FUNCTION "staff"."audit_record_append_only"();
