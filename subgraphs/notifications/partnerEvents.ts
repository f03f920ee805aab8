// Every event type partners may subscribe to, with its projection, as declared by the emitting subgraphs next to
// their events and listed in their manifests — read from schema/capabilities.json (`npm run compose`), not from
// their code. The dispatcher sends partners the projection only; subscriptions filter on projected fields only.
import { loadCapabilities } from "../../platform/capabilities.ts";
import type { PartnerEventCatalog, PartnerEventType } from "../../platform/partnerEvents.ts";
import { projectPayload } from "../../platform/partnerEvents.ts";
import type { OutboxEvent } from "./relay.ts";

/** The catalogue, read when first asked (`npm run compose` loads this module before it writes the file). */
export function partnerEventCatalog(): PartnerEventCatalog {
  return loadCapabilities().partnerEvents;
}

export function partnerEventType(type: string): PartnerEventType | undefined {
  const catalog = partnerEventCatalog();
  return Object.hasOwn(catalog, type) ? catalog[type] : undefined;
}

/** What a partner receives of an event, or null when partners never see this type. */
export function partnerView(event: OutboxEvent): Record<string, unknown> | null {
  const declaration = partnerEventType(event.type);
  return declaration ? projectPayload(declaration, event.payload) : null;
}
