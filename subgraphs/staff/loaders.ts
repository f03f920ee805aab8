// Per-request loaders of the staff subgraph: each batch is one SQL statement.
import DataLoader from "dataloader";
import type { SubgraphDeps } from "../../platform/context.ts";
import { isUuid } from "../../platform/ids.ts";
import { createLedgerSigner, type LedgerSigner } from "../../platform/ledger/index.ts";
import { byIdLoader } from "../../platform/loaders.ts";
import { prismaAuditStore } from "./adapters/prismaAuditStore.ts";
import { prismaInvestigationStore } from "./adapters/prismaInvestigationStore.ts";

export interface StaffServices {
  /** Signs the audit ledger's tree heads (Ed25519, LEDGER_SIGNING_KEY): built once, it caches signatures. */
  signer: LedgerSigner;
}

export function createStaffServices(deps: SubgraphDeps): StaffServices {
  return { signer: createLedgerSigner(deps.config.LEDGER_SIGNING_KEY) };
}

export function createStaffLoaders(deps: SubgraphDeps, services: StaffServices) {
  const investigations = prismaInvestigationStore(deps.db.prisma);
  const audit = prismaAuditStore(deps.db.prisma);
  return {
    investigations,
    audit,
    signer: services.signer,
    investigation: byIdLoader((ids) => investigations.byIds(ids.filter((id) => isUuid(id)))),
    /** The audit ledger's entries by position, to check each record of a page against its entry. */
    auditEntry: new DataLoader<number, { entry: string; leafHash: string } | undefined>(async (seqs) => {
      const entries = await audit.entries(seqs);
      return seqs.map((seq) => entries.get(seq));
    }),
  };
}

export type StaffLoaders = ReturnType<typeof createStaffLoaders>;
