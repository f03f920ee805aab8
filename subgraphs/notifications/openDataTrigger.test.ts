// The events that change a published dataset tell the opendata subgraph (its debounced publication), after their
// delivery and whatever becomes of that signal; the others do not.
import { describe, expect, it } from "vitest";
import type { InternalClient } from "../../platform/internalClient.ts";
import { createLogger } from "../../platform/logger.ts";
import { withOpenDataTrigger } from "./openDataTrigger.ts";
import type { OutboxEvent } from "./relay.ts";

const event = (type: string): OutboxEvent => ({
  id: `id-${type}`,
  type,
  subject: "x",
  payload: {},
  occurredAt: new Date(),
  attempts: 0,
});

function setup(fail = false) {
  const delivered: string[] = [];
  const signalled: { subgraph: string; eventType: unknown }[] = [];
  const internal: InternalClient = {
    personalDataHolders: [],
    request: async (subgraph, _query, variables) => {
      signalled.push({ subgraph, eventType: variables?.eventType });
      if (fail) throw new Error("opendata down");
      return {} as never;
    },
  };
  const dispatch = withOpenDataTrigger(
    async (item) => {
      delivered.push(item.type);
    },
    internal,
    createLogger({ level: "silent" }),
  );
  return { dispatch, delivered, signalled };
}

describe("the open-data trigger of the delivery worker", () => {
  it("signals petitions, budget, reports and published consultation results, nothing else", async () => {
    const { dispatch, delivered, signalled } = setup();
    const types = [
      "petition.signed",
      "budget.results_published",
      "report.status_changed",
      "participation.results_published",
      "participation.step_started",
      "participation.consultation_opened",
      "comment.posted",
    ];
    for (const type of types) await dispatch(event(type));
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual(types);
    expect(signalled).toEqual(types.slice(0, 4).map((eventType) => ({ subgraph: "opendata", eventType })));
  });

  it("never fails a delivery when the signal fails", async () => {
    const { dispatch, delivered, signalled } = setup(true);
    await expect(dispatch(event("participation.results_published"))).resolves.toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual(["participation.results_published"]);
    expect(signalled).toHaveLength(1);
  });
});
