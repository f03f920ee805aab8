// The gateway's /ready in distributed mode asks each subgraph's /ready. A subgraph that does not answer is
// `unavailable`; one that answers but reports a dependency down (its database, its cache) is
// `degraded (database unavailable)`: the process runs and answers what it can, and the operator looks at the
// database, not at seven processes. The HTTP status follows the subgraph's own: a subgraph not ready (503) makes
// the gateway not ready; one degraded but serving (200, cache down) leaves the gateway ready.
import { type ReadinessCheck, ReadinessDegraded } from "../platform/httpApp.ts";

const TIMEOUT_MS = 2_000;

interface ReadyBody {
  status?: unknown;
  checks?: unknown;
}

export function subgraphReadiness(
  name: string,
  url: string,
  fetchImpl: typeof fetch = fetch,
): ReadinessCheck {
  return async () => {
    const response = await fetchImpl(new URL("/ready", url), { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json().catch(() => ({}))) as ReadyBody;
    const checks =
      body.checks && typeof body.checks === "object"
        ? Object.entries(body.checks as Record<string, unknown>)
        : [];
    const down = checks
      .filter(([, state]) => state !== "ok")
      .map(([dependency]) => `${dependency} unavailable`);
    if (down.length > 0) throw new ReadinessDegraded(down.join(", "), response.ok);
    // No dependency named (draining, or not Parvis' /ready at all): the status alone decides.
    if (!response.ok) throw new Error(`${name} is not ready (HTTP ${response.status})`);
  };
}
