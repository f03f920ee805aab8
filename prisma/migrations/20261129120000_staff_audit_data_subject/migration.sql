-- Staff audit trail: a record may also be a data subject's own request (an export or an erasure of their data,
-- recorded by the identity subgraph), actor kind 'data_subject'. Only the closed set of values changes: a CHECK
-- constraint, which Prisma cannot express (nothing in prisma/staff.prisma changes).

ALTER TABLE "staff"."audit_record" DROP CONSTRAINT "audit_record_actor_kind_check";
ALTER TABLE "staff"."audit_record"
    ADD CONSTRAINT "audit_record_actor_kind_check" CHECK ("actor_kind" IN ('staff', 'partner', 'data_subject'));
