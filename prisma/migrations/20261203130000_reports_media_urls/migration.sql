-- Several media_url per report: FixMyStreet sends one per photo when a report has several (issue 17).
-- The single column becomes a list; existing values are kept as one-element lists.
ALTER TABLE "reports"."report" ADD COLUMN "external_media_urls" TEXT[] DEFAULT ARRAY[]::TEXT[];
UPDATE "reports"."report" SET "external_media_urls" = ARRAY["external_media_url"] WHERE "external_media_url" IS NOT NULL;
ALTER TABLE "reports"."report" DROP COLUMN "external_media_url";
