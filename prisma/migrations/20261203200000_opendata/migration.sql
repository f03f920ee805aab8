-- Open-data subgraph (issue 21): publication runs and what the portal holds, written by hand the way
-- `prisma migrate dev` would generate it from prisma/opendata.prisma; tests/database/schemaMatchesPrisma.test.ts
-- checks it.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "opendata";

-- CreateTable
CREATE TABLE "opendata"."publication_run" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "results" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "publication_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opendata"."published_dataset" (
    "dataset_id" TEXT NOT NULL,
    "portal_dataset_uid" TEXT NOT NULL,
    "portal_resource_uid" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "run_id" UUID NOT NULL,

    CONSTRAINT "published_dataset_pkey" PRIMARY KEY ("dataset_id")
);

-- CreateIndex
CREATE INDEX "publication_run_started_at_idx" ON "opendata"."publication_run"("started_at");
