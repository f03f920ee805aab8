-- Open311 servicerequestupdates (issue 17): partners' updates on a report are history lines of kind 'commented',
-- remembered with the partner's own id of its update so that a repeated POST is answered, not stored twice; and
-- staff updates are read by date across all reports.
ALTER TABLE "reports"."report_history_entry" ADD COLUMN "partner_client_id" TEXT;
ALTER TABLE "reports"."report_history_entry" ADD COLUMN "partner_update_id" TEXT;

-- CreateIndex
CREATE INDEX "report_history_entry_created_at_idx" ON "reports"."report_history_entry"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_history_entry_partner_client_id_partner_update_id_key" ON "reports"."report_history_entry"("partner_client_id", "partner_update_id");

ALTER TABLE "reports"."report_history_entry" DROP CONSTRAINT "report_history_entry_kind_check";
ALTER TABLE "reports"."report_history_entry" ADD CONSTRAINT "report_history_entry_kind_check"
    CHECK ("kind" IN ('submitted', 'status_changed', 'rerouted', 'merged', 'assigned', 'located', 'commented'));
