// What a client reads of an error, whatever the engine: the refused value dropped from variable errors
// (security/variableErrors.ts), one message for every limit (security/operationLimits.ts), internal errors masked
// and outages marked retryable (platform/errors.ts). Unexpected errors are logged here, once.
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Config } from "../platform/config.ts";
import { maskError, withRetryHint } from "../platform/errors.ts";
import type { Logger } from "../platform/logger.ts";
import { hideLimits } from "./security/operationLimits.ts";
import { withoutRefusedValue } from "./security/variableErrors.ts";

export function formatGatewayError(
  formatted: GraphQLFormattedError,
  error: unknown,
  deps: { config: Config; log: Logger },
): GraphQLFormattedError {
  if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR" || !formatted.extensions?.code) {
    deps.log.error({ err: error }, "unexpected gateway error");
  }
  const valueFree =
    formatted.extensions?.code === "BAD_USER_INPUT" && error instanceof GraphQLError
      ? { ...formatted, message: withoutRefusedValue(formatted.message, error) }
      : formatted;
  return withRetryHint(maskError(hideLimits(valueFree)), deps.config.RETRY_AFTER_SECONDS);
}
