// Request ids correlate the logs of the gateway and every subgraph. A client-supplied id is kept only when it
// looks like one of ours (bounded, plain characters), so it cannot inject anything into the logs.
import { randomUUID } from "node:crypto";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdFrom(header: string | undefined): string {
  return header && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
