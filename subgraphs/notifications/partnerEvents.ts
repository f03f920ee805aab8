// Every event type partners may subscribe to, with its projection, as declared by the emitting subgraphs next to
// their events. The dispatcher sends partners the projection only; subscriptions filter on projected fields only.
import type { PartnerEventCatalog, PartnerEventType } from "../../platform/partnerEvents.ts";
import { projectPayload } from "../../platform/partnerEvents.ts";
import { PETITION_PARTNER_EVENTS } from "../petitions/domain/partnerEvents.ts";
import { REPORT_PARTNER_EVENTS } from "../reports/domain/partnerEvents.ts";
import type { OutboxEvent } from "./relay.ts";

export const PARTNER_EVENTS: PartnerEventCatalog = { ...REPORT_PARTNER_EVENTS, ...PETITION_PARTNER_EVENTS };

export function partnerEventType(type: string): PartnerEventType | undefined {
  return Object.hasOwn(PARTNER_EVENTS, type) ? PARTNER_EVENTS[type] : undefined;
}

/** What a partner receives of an event, or null when partners never see this type. */
export function partnerView(event: OutboxEvent): Record<string, unknown> | null {
  const declaration = partnerEventType(event.type);
  return declaration ? projectPayload(declaration, event.payload) : null;
}
