-- Comments (issue 20): an idempotency key per post, chosen by the author's app, so that a retried post answers the
-- comment it created instead of posting it twice. Unique per author (NULLs distinct: posts without a key are free).

-- AlterTable
ALTER TABLE "comments"."comment" ADD COLUMN     "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "comment_author_account_id_idempotency_key_key" ON "comments"."comment"("author_account_id", "idempotency_key");
