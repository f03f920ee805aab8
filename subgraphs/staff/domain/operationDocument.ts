// An investigation is a GraphQL document kept as data: this module reads it (syntax only — it is validated against
// the supergraph when the explorer runs it through the gateway). Saved investigations are read-only by design: one
// query operation, no mutation or subscription, so running a colleague's investigation can never change anything.
import { Kind, parse } from "graphql";

export const OPERATION_MAX_LENGTH = 20_000;

export type OperationCheck =
  | { ok: true; operationName: string | null; variableNames: string[] }
  | { ok: false; message: string };

export function checkOperation(text: string): OperationCheck {
  if (text.trim() === "") return { ok: false, message: "Le document GraphQL est vide." };
  if (text.length > OPERATION_MAX_LENGTH) {
    return { ok: false, message: `Le document dépasse ${OPERATION_MAX_LENGTH} caractères.` };
  }
  let document: ReturnType<typeof parse>;
  try {
    document = parse(text, { maxTokens: 5_000 });
  } catch (error) {
    return { ok: false, message: `Document GraphQL illisible : ${(error as Error).message}` };
  }
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) {
    return { ok: false, message: "Le document doit contenir exactement une opération." };
  }
  const [operation] = operations;
  if (operation?.operation !== "query") {
    return { ok: false, message: "Une enquête est une lecture : seule une opération `query` est acceptée." };
  }
  const others = document.definitions.filter(
    (definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION,
  );
  if (others.length > 0) {
    return { ok: false, message: "Le document ne peut contenir que l'opération et ses fragments." };
  }
  return {
    ok: true,
    operationName: operation.name?.value ?? null,
    variableNames: (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value),
  };
}

/** The operation's name, or null (stored documents were checked when saved). */
export function operationNameOf(text: string): string | null {
  const check = checkOperation(text);
  return check.ok ? check.operationName : null;
}
