import { describe, expect, it } from "vitest";
import { partnerEventCatalog, partnerView } from "./partnerEvents.ts";

const PARTNER_EVENTS = partnerEventCatalog();

import type { OutboxEvent } from "./relay.ts";

const event = (type: string, payload: Record<string, unknown>): OutboxEvent => ({
  id: "e",
  type,
  subject: "s",
  payload,
  occurredAt: new Date(0),
  attempts: 0,
});

describe("partner projections", () => {
  it("keep the declared scalar fields only", () => {
    const view = partnerView(
      event("report.status_changed", {
        reportId: "r",
        toStatus: "resolved",
        reporterAccountId: "0193-someone",
        note: "écrit par une personne",
        serviceCode: { nested: "objects are never passed on" },
      }),
    );
    expect(view).toEqual({ reportId: "r", toStatus: "resolved" });
  });

  it("deliver nothing of a type without a declaration", () => {
    expect(partnerView(event("budget.project_submitted", { projectId: "p" }))).toBeNull();
    expect(partnerView(event("toString", {}))).toBeNull();
  });

  it("declare no field that names a person", () => {
    const fields = Object.values(PARTNER_EVENTS).flatMap((declaration) => Object.keys(declaration.fields));
    expect(
      fields.filter((field) =>
        /account|author|reporter|contact|email|phone|name|note|reason|text/i.test(field),
      ),
    ).toEqual([]);
  });
});
