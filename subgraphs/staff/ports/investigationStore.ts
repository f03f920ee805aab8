// What saved investigations need from storage. Implemented on Prisma in adapters/.
import type { InvestigationDraft, InvestigationRecord } from "../domain/investigation.ts";

export interface InvestigationScope {
  /** The caller's service: its investigations are listed with the shared ones. */
  service: string | null;
  /** Administrators list every service's investigations. */
  everything: boolean;
}

export interface InvestigationQuery {
  search?: string | null;
  service?: string | null;
}

export interface InvestigationStore {
  /** Up to `limit` investigations visible in the scope, by name then id, after the given key. */
  list(
    scope: InvestigationScope,
    query: InvestigationQuery,
    limit: number,
    after?: [name: string, id: string],
  ): Promise<InvestigationRecord[]>;
  byIds(ids: readonly string[]): Promise<InvestigationRecord[]>;
  /** Creates it; "name_taken" when the service already has one with that name. */
  create(
    record: InvestigationDraft & { id: string; service: string; createdByAccountId: string | null },
  ): Promise<InvestigationRecord | "name_taken">;
  update(
    id: string,
    draft: InvestigationDraft,
    updatedByAccountId: string | null,
  ): Promise<InvestigationRecord | "name_taken" | null>;
  delete(id: string): Promise<boolean>;
  /** The investigations an account saved or changed last (its right of access). */
  ofAccount(accountId: string): Promise<InvestigationRecord[]>;
  /** Forgets an account as author or editor; returns how many investigations kept without it. */
  eraseAccount(accountId: string): Promise<number>;
}
