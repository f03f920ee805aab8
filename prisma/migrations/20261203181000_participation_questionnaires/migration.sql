-- Participation subgraph (issue 20): questionnaires, responses (one per person and consultation), the moderation
-- of free-text answers, and reactions. Written by hand the way `prisma migrate dev` would generate it from
-- prisma/participation.prisma; tests/database/schemaMatchesPrisma.test.ts checks it.

-- CreateTable
CREATE TABLE "participation"."question" (
    "id" UUID NOT NULL,
    "consultation_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "help" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL,
    "options" JSONB NOT NULL DEFAULT '[]',
    "max_choices" INTEGER,
    "scale_min" INTEGER,
    "scale_max" INTEGER,
    "show_if" JSONB,

    CONSTRAINT "question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participation"."response" (
    "id" UUID NOT NULL,
    "consultation_id" UUID NOT NULL,
    "account_id" UUID,
    "answers" JSONB NOT NULL,
    "quartier_id" UUID,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pseudonymised_at" TIMESTAMPTZ(3),

    CONSTRAINT "response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participation"."text_review" (
    "response_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "visible" BOOLEAN NOT NULL,
    "reviewed_by_account_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "text_review_pkey" PRIMARY KEY ("response_id","question_id")
);

-- CreateTable
CREATE TABLE "participation"."reaction" (
    "id" UUID NOT NULL,
    "consultation_id" UUID NOT NULL,
    "account_id" UUID,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reaction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "question_consultation_id_position_idx" ON "participation"."question"("consultation_id", "position");

-- CreateIndex
CREATE INDEX "response_account_id_idx" ON "participation"."response"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "response_consultation_id_account_id_key" ON "participation"."response"("consultation_id", "account_id");

-- CreateIndex
CREATE INDEX "text_review_reviewed_by_account_id_idx" ON "participation"."text_review"("reviewed_by_account_id");

-- CreateIndex
CREATE INDEX "reaction_account_id_idx" ON "participation"."reaction"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "reaction_consultation_id_account_id_key" ON "participation"."reaction"("consultation_id", "account_id");
