-- Participation (issue 20): staff may close a project's or a consultation's comments; the comments subgraph asks
-- `commentsOpen` before each post. Open by default, as every existing one was.

-- AlterTable
ALTER TABLE "participation"."project" ADD COLUMN     "comments_open" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "participation"."consultation" ADD COLUMN     "comments_open" BOOLEAN NOT NULL DEFAULT true;
