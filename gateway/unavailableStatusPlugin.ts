// When nothing of an answer could be computed because of an outage (every error retryable, no data), the HTTP
// status says so: 503 with Retry-After, so that proxies, monitors and HTTP clients see an outage, not a success.
// A partial answer stays 200: its data is real, and the errors say on their paths what is missing.
import type { ApolloServerPlugin } from "@apollo/server";
import { RETRYABLE_CODES } from "../platform/errors.ts";
import type { GatewayContext } from "./dataSources.ts";

/** True for an answer that an outage emptied completely: every error retryable, no data. */
export function isOutageAnswer(answer: {
  data?: Record<string, unknown> | null | undefined;
  errors?: readonly { extensions?: { code?: unknown } | undefined }[] | undefined;
}): boolean {
  const { data, errors } = answer;
  if (!errors?.length) return false;
  const outage = errors.every((error) => RETRYABLE_CODES.has(String(error.extensions?.code)));
  const nothing = data == null || Object.values(data).every((value) => value === null);
  return outage && nothing;
}

export function unavailableStatusPlugin(retryAfterSeconds: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !isOutageAnswer(response.body.singleResult)) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(retryAfterSeconds));
        },
      };
    },
  };
}
