// Trusted documents: the front-end applications' operations are registered in schema/operations/ and compiled
// into an Apollo persisted-query manifest (npm run operations). A client sends an operation by id — Apollo
// Client's persisted-query link (`extensions.persistedQuery.sha256Hash`) or `documentId` ("sha256:<hash>") —
// and the gateway substitutes the registered text. With TRUSTED_DOCUMENTS_ONLY (the default in production)
// anonymous callers and citizens may run registered operations only (refused before parsing); staff and partners
// may send any operation within their cost budget. In production, introspection, validation and variable-coercion
// messages are for staff and partners only.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError, Kind, visit } from "graphql";
import type { Caller } from "../../platform/caller.ts";
import type { Config } from "../../platform/config.ts";
import type { GatewayContext } from "../dataSources.ts";
import type { ResolvedOperation } from "../operation.ts";
import { INVALID_VARIABLES, isVariableCoercionMessage } from "./variableErrors.ts";

export const MANIFEST_PATH = new URL("../../schema/operations/manifest.json", import.meta.url);

export interface PersistedOperation {
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

export interface Manifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: PersistedOperation[];
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function loadManifest(path: URL = MANIFEST_PATH): Map<string, PersistedOperation> {
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  return new Map(manifest.operations.map((operation) => [operation.id, operation]));
}

export interface ResolvedDocument {
  /** The body to execute (registered text substituted for an id). */
  body: Record<string, unknown>;
  trusted: boolean;
}

export class UnknownDocumentError extends Error {}

/** Resolves an id into the registered text, and says whether the operation is a registered one. */
export function resolveDocument(
  body: Record<string, unknown>,
  manifest: Map<string, PersistedOperation>,
): ResolvedDocument {
  const extensions = (body.extensions ?? {}) as Record<string, unknown>;
  const persisted = extensions.persistedQuery as { sha256Hash?: unknown } | undefined;
  const documentId =
    typeof body.documentId === "string" ? body.documentId.replace(/^sha256:/, "") : undefined;
  const id = documentId ?? (typeof persisted?.sha256Hash === "string" ? persisted.sha256Hash : undefined);
  if (typeof body.query === "string") {
    const { documentId: _d, ...rest } = body;
    return { body: rest, trusted: manifest.has(sha256(body.query)) };
  }
  if (id === undefined) return { body, trusted: false };
  const operation = manifest.get(id);
  if (!operation) throw new UnknownDocumentError(id);
  const { persistedQuery: _p, ...otherExtensions } = extensions;
  const { documentId: _d, extensions: _e, ...rest } = body;
  return {
    body: {
      ...rest,
      query: operation.body,
      ...(Object.keys(otherExtensions).length ? { extensions: otherExtensions } : {}),
    },
    trusted: true,
  };
}

function isIntrospection(document: import("graphql").DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") found = true;
    },
  });
  return found;
}

/**
 * Staff and partners may send any operation (within their cost budget) and introspect; every other caller —
 * anonymous, and citizens whatever their verification level — runs registered operations only where
 * TRUSTED_DOCUMENTS_ONLY holds (production). The platform's own jobs never come through HTTP.
 */
export function mayRunAnyDocument(caller: Caller): boolean {
  return caller.kind === "staff" || caller.kind === "partner" || caller.kind === "system";
}

/** The refusal of an unregistered document: it says nothing about the schema nor about the document. */
export const UNREGISTERED_OPERATION = {
  message: "Opération non enregistrée : cette application doit envoyer ses opérations par identifiant.",
  extensions: { code: "FORBIDDEN" },
} as const;

/** What a caller held to registered operations learns of a document that does not validate. */
const INVALID_OPERATION = "Requête invalide.";

/** What a caller held to registered operations reads instead of an error naming the schema, if it does. */
function maskedFor(error: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const code = error.extensions?.code;
  if (code === "GRAPHQL_VALIDATION_FAILED") {
    return { message: INVALID_OPERATION, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
  }
  if (code === "BAD_USER_INPUT" && isVariableCoercionMessage(error.message)) {
    return { message: INVALID_VARIABLES, extensions: { code: "BAD_USER_INPUT" } };
  }
  return undefined;
}

/**
 * The trusted-documents check of both engines: throws when the caller may not run this document. The gateway's
 * pre-handler already refused unregistered documents before parsing (gateway/app.ts); this is the same rule for
 * any other way in, and the introspection rule of production.
 */
export function checkTrustedDocument(
  config: Config,
  { document, context }: Pick<ResolvedOperation, "document" | "context">,
): void {
  if (mayRunAnyDocument(context.caller)) return;
  if (config.TRUSTED_DOCUMENTS_ONLY && !context.trustedDocument) {
    throw new GraphQLError(UNREGISTERED_OPERATION.message, {
      extensions: { ...UNREGISTERED_OPERATION.extensions, http: { status: 403 } },
    });
  }
  if (config.NODE_ENV === "production" && isIntrospection(document)) {
    throw new GraphQLError("L'introspection est réservée aux agents et aux services partenaires.", {
      extensions: { code: "FORBIDDEN", http: { status: 403 } },
    });
  }
}

/**
 * In production, validation messages name types and fields ("must have a selection of subfields", "Unknown
 * argument"), and so do variable-coercion messages (`Field "categoryCode" of required type "String!" was not
 * provided`, `Field "x" is not defined by type "SubmitReportInput"`): only callers who may introspect read them;
 * the others read one message per kind. Undefined when nothing is to be masked.
 */
export function errorsForCaller(
  config: Config,
  caller: Caller | undefined,
  errors: readonly GraphQLFormattedError[] | undefined,
): GraphQLFormattedError[] | undefined {
  if (config.NODE_ENV !== "production" || !caller || mayRunAnyDocument(caller)) return undefined;
  if (!errors?.some((error) => maskedFor(error) !== undefined)) return undefined;
  // One variable error however many: their number would tell how many required fields an input has.
  const masked = errors.map((error) => maskedFor(error) ?? error);
  const firstVariableError = masked.findIndex((error) => error.message === INVALID_VARIABLES);
  return masked.filter((error, index) => error.message !== INVALID_VARIABLES || index === firstVariableError);
}

/** The Apollo Server adapter (the Hive Gateway one is gateway/hive/plugins.ts). */
export function trustedDocumentsPlugin(config: Config): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          checkTrustedDocument(config, { document, context: contextValue });
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const masked = errorsForCaller(config, contextValue?.caller, response.body.singleResult.errors);
          if (masked) response.body.singleResult.errors = masked;
        },
      };
    },
  };
}

/** The operation type of a registered document (for the manifest). */
export function operationTypeOf(document: import("graphql").DocumentNode): PersistedOperation["type"] {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.operation : "query";
}
