// Variables that do not coerce. The gateway coerces them against its API schema (@apollo/gateway's
// validateIncomingRequest, graphql-js getVariableValues) before planning anything; Apollo Server answers HTTP 400
// with BAD_USER_INPUT. Two things are added here:
// - the custom scalars get the subgraphs' parsers (platform/scalars.ts), so a Date holding a name is refused
//   there, not by a subgraph as an unexpected error;
// - graphql-js repeats the refused value in its message (`Variable "$d" got invalid value "Jeanne Dupont …"; …`):
//   the value is dropped from every such message, for every caller. The value may be a person's name or e-mail
//   address; the caller knows what they sent.
import { type GraphQLError, Kind } from "graphql";

const GOT_INVALID = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value /;
const VARIABLE_MESSAGE = /^Variable "\$[_A-Za-z][_0-9A-Za-z]*" /;

/** The one message a caller held to registered operations reads for variables that do not coerce. */
export const INVALID_VARIABLES = "Variables invalides.";

/** True for graphql-js's variable-coercion errors (as Apollo Server recognises them). */
export function isVariableCoercionMessage(message: string): boolean {
  return VARIABLE_MESSAGE.test(message);
}

/**
 * The reason graphql-js gives, without the value: built-in scalars end theirs with ": <value>" ("Int cannot
 * represent non-integer value: "abc""), enums start with it ("Value "X" does not exist in "Role" enum."). Reasons
 * about the shape ("Field "x" of required type "String!" was not provided.") and the platform's scalars name no value.
 */
export function valueFreeReason(reason: string): string {
  const enumValue = /^Value .* does not exist in ("[^"]*" enum\.)/s.exec(reason);
  if (enumValue) return `Value does not exist in ${enumValue[1]}`;
  const colon = reason.indexOf(": ");
  return colon === -1 ? reason : `${reason.slice(0, colon)}.`;
}

/**
 * `Variable "$d" got invalid value <value>[ at "d.path"]; <reason>` without <value>, and with a value-free reason.
 * Anything else is returned as it was.
 */
export function withoutRefusedValue(message: string, error: GraphQLError): string {
  const name = GOT_INVALID.exec(message)?.[1];
  const node = error.nodes?.[0];
  if (!name || node?.kind !== Kind.VARIABLE_DEFINITION) return message;
  const reason = error.originalError?.message;
  let prefix: string;
  let why: string;
  if (reason && reason !== message && message.endsWith(`; ${reason}`)) {
    prefix = message.slice(0, message.length - reason.length - 2);
    why = valueFreeReason(reason);
  } else {
    prefix = message;
    why = "";
  }
  const path = new RegExp(` at "${name}(?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*"$`).exec(prefix)?.[0] ?? "";
  return `Variable "$${name}" got invalid value${path}${why ? `; ${why}` : "."}`;
}
