// Staff permissions: everything here is for city staff; the audit trail is the data-protection officer's alone;
// the internal mutations answer the platform's system caller only. Anything not listed is denied.
// The only entity it resolves is the caller's own PersonalDataExport (checked in its __resolveReference).
import type { IRules } from "graphql-shield";
import { allow, hasRole, isAuthenticated, isStaff, isSystem } from "../../platform/permissions.ts";

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
  // Its __resolveReference returns only the caller's own export.
  PersonalDataExport: isAuthenticated,
  Account: { id: allow },
  PageInfo: allow,
  // The shared ledger types are public by design; the field that returns the audit ledger is the DPO's.
  Ledger: allow,
  SignedTreeHead: allow,
  LedgerEntry: allow,
  InclusionProof: allow,
  ConsistencyProof: allow,
};
