// Staff permissions: everything here is for city staff; the audit trail is the data-protection officer's alone;
// the internal mutations answer the platform's system caller only. Anything not listed is denied.
// No type of this subgraph is an entity it resolves (Account is a reference), so there is no __resolveReference.
import type { IRules } from "graphql-shield";
import { allow, hasRole, isStaff, isSystem } from "../kit/permissions.ts";

const isDpo = hasRole("dpo");

export const permissions: IRules = {
  Query: {
    investigations: isStaff,
    investigation: isStaff,
    auditTrail: isDpo,
    auditLedger: isDpo,
  },
  Mutation: {
    saveInvestigation: isStaff,
    deleteInvestigation: isStaff,
    _recordAudit: isSystem,
    _eraseAccountData: isSystem,
  },
  Investigation: isStaff,
  InvestigationConnection: isStaff,
  InvestigationEdge: isStaff,
  InvestigationSaved: isStaff,
  InvestigationDeleted: isStaff,
  InvestigationNotFound: allow,
  InvalidInvestigation: allow,
  InvestigationNameTaken: allow,
  NoStaffService: allow,
  AuditRecord: isDpo,
  AuditRecordConnection: isDpo,
  AuditRecordEdge: isDpo,
  AuditReceipt: isSystem,
  AccountErasure: isSystem,
  Account: { id: allow },
  PageInfo: allow,
  // The shared ledger types are public by design; the field that returns the audit ledger is the DPO's.
  Ledger: allow,
  SignedTreeHead: allow,
  LedgerEntry: allow,
  InclusionProof: allow,
  ConsistencyProof: allow,
};
