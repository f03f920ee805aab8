// Saved investigations: what may be saved, and who may see or change one. Pure rules; storage is a port.
import type { Caller } from "../../../platform/caller.ts";
import { checkOperation } from "./operationDocument.ts";

export type Visibility = "service" | "all_staff";

export interface InvestigationRecord {
  id: string;
  service: string;
  name: string;
  description: string;
  operation: string;
  variables: Record<string, unknown>;
  visibility: Visibility;
  seedKey: string | null;
  createdByAccountId: string | null;
  updatedByAccountId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface InvestigationDraft {
  name: string;
  description: string;
  operation: string;
  variables: Record<string, unknown>;
  visibility: Visibility;
}

export const NAME_MIN_LENGTH = 3;
export const NAME_MAX_LENGTH = 120;
export const DESCRIPTION_MAX_LENGTH = 2_000;
export const VARIABLES_MAX_BYTES = 20_000;

export type DraftCheck =
  | { ok: true; draft: InvestigationDraft }
  | { ok: false; field: "name" | "description" | "operation" | "variables"; message: string };

/** Checks what an agent wants to save; nothing reaches storage unless it passes. */
export function checkDraft(input: {
  name: string;
  description?: string | null;
  operation: string;
  variables?: unknown;
  visibility?: Visibility | null;
}): DraftCheck {
  const name = input.name.trim();
  if (name.length < NAME_MIN_LENGTH || name.length > NAME_MAX_LENGTH) {
    return {
      ok: false,
      field: "name",
      message: `Le nom doit compter de ${NAME_MIN_LENGTH} à ${NAME_MAX_LENGTH} caractères.`,
    };
  }
  const description = (input.description ?? "").trim();
  if (description.length > DESCRIPTION_MAX_LENGTH) {
    return {
      ok: false,
      field: "description",
      message: `La description ne peut dépasser ${DESCRIPTION_MAX_LENGTH} caractères.`,
    };
  }
  const operation = checkOperation(input.operation);
  if (!operation.ok) return { ok: false, field: "operation", message: operation.message };
  const variables = input.variables ?? {};
  if (typeof variables !== "object" || variables === null || Array.isArray(variables)) {
    return { ok: false, field: "variables", message: "Les variables doivent être un objet JSON." };
  }
  if (JSON.stringify(variables).length > VARIABLES_MAX_BYTES) {
    return { ok: false, field: "variables", message: "Les variables sont trop volumineuses." };
  }
  const unknown = Object.keys(variables).filter((key) => !operation.variableNames.includes(key));
  if (unknown.length > 0) {
    return {
      ok: false,
      field: "variables",
      message: `Variables non déclarées par l'opération : ${unknown.join(", ")}.`,
    };
  }
  return {
    ok: true,
    draft: {
      name,
      description,
      operation: input.operation,
      variables: variables as Record<string, unknown>,
      visibility: input.visibility ?? "service",
    },
  };
}

const isAdmin = (caller: Caller) => caller.roles.includes("admin");

/** An agent sees their service's investigations and the shared ones; administrators see everything. */
export function canSee(caller: Caller, investigation: InvestigationRecord): boolean {
  if (caller.kind !== "staff") return false;
  return (
    isAdmin(caller) ||
    investigation.visibility === "all_staff" ||
    investigation.service === caller.staffService
  );
}

/** Only the owning service changes its own investigations; the shipped ones are the administrators'. */
export function canEdit(caller: Caller, investigation: InvestigationRecord): boolean {
  if (caller.kind !== "staff") return false;
  if (isAdmin(caller)) return true;
  return investigation.seedKey === null && investigation.service === caller.staffService;
}
