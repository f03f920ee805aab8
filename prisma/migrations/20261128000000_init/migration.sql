-- Initial schema of Parvis, written by hand the way `prisma migrate dev` would generate it from
-- prisma/schema.prisma, prisma/identity.prisma and prisma/directory.prisma (the schema engine cannot run here).
-- tests/database/schemaMatchesPrisma.test.ts checks the result against the Prisma schema.
-- Never edit it once applied anywhere: the runner refuses a changed migration. Add a new migration folder instead.

-- CreateExtension
-- Used by later search and geography features; created first so every schema can rely on them.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "cube";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "earthdistance";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "btree_gist";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "directory";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "identity";

-- CreateTable
CREATE TABLE "identity"."account" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "verification_level" TEXT NOT NULL,
    "roles" TEXT[],
    "staff_service" TEXT,
    "home_quartier_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erased_at" TIMESTAMPTZ(3),

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."commune" (
    "id" UUID NOT NULL,
    "insee_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commune_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory"."quartier" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "commune_id" UUID NOT NULL,
    "centroid_lat" DOUBLE PRECISION NOT NULL,
    "centroid_lon" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quartier_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_subject_key" ON "identity"."account"("subject");

-- CreateIndex
CREATE INDEX "account_home_quartier_id_idx" ON "identity"."account"("home_quartier_id");

-- CreateIndex
CREATE UNIQUE INDEX "commune_insee_code_key" ON "directory"."commune"("insee_code");

-- CreateIndex
CREATE UNIQUE INDEX "quartier_slug_key" ON "directory"."quartier"("slug");

-- CreateIndex
CREATE INDEX "quartier_commune_id_idx" ON "directory"."quartier"("commune_id");

-- AddForeignKey
ALTER TABLE "directory"."quartier" ADD CONSTRAINT "quartier_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "directory"."commune"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
