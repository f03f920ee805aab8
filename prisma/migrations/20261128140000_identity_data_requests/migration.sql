-- Requests to export or erase one's data, as evidence for the data-protection officer.

-- CreateTable
CREATE TABLE "identity"."data_request" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "outcome" JSONB,

    CONSTRAINT "data_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_request_account_id_requested_at_idx" ON "identity"."data_request"("account_id", "requested_at");
