-- Participation (issue 20): referrals to the Observatory of participation (saisine de l'Observatoire). Written by
-- hand the way `prisma migrate dev` would generate it from prisma/participation.prisma;
-- tests/database/schemaMatchesPrisma.test.ts checks it. After the generated part, CHECK constraints Prisma cannot
-- express.

-- CreateTable
CREATE TABLE "participation"."observatory_referral" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "place_name" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "project_id" UUID,
    "mechanisms_tried" TEXT NOT NULL DEFAULT '',
    "referrer_kind" TEXT NOT NULL,
    "collective_name" TEXT,
    "referrer_account_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "examination_started_at" TIMESTAMPTZ(3),
    "answer" TEXT,
    "answered_at" TIMESTAMPTZ(3),
    "answered_by_account_id" UUID,
    "pseudonymised_at" TIMESTAMPTZ(3),

    CONSTRAINT "observatory_referral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "observatory_referral_submitted_at_id_idx" ON "participation"."observatory_referral"("submitted_at", "id");

-- CreateIndex
CREATE INDEX "observatory_referral_status_submitted_at_id_idx" ON "participation"."observatory_referral"("status", "submitted_at", "id");

-- CreateIndex
CREATE INDEX "observatory_referral_referrer_account_id_submitted_at_idx" ON "participation"."observatory_referral"("referrer_account_id", "submitted_at");

-- CreateIndex
CREATE INDEX "observatory_referral_answered_by_account_id_idx" ON "participation"."observatory_referral"("answered_by_account_id");

-- CreateIndex
CREATE INDEX "observatory_referral_project_id_idx" ON "participation"."observatory_referral"("project_id");

-- Not expressible in Prisma: the closed vocabularies.
ALTER TABLE "participation"."observatory_referral" ADD CONSTRAINT "observatory_referral_referrer_kind_check"
    CHECK ("referrer_kind" IN ('citizen', 'collective'));
ALTER TABLE "participation"."observatory_referral" ADD CONSTRAINT "observatory_referral_status_check"
    CHECK ("status" IN ('submitted', 'under_examination', 'answered', 'declined'));
