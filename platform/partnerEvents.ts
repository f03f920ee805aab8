// What partners may see of a domain event (GDPR: personal data is never sent to partners). Each emitting subgraph
// declares, next to its event definitions, the partner projection of each event type it lets partners subscribe
// to: the payload fields delivered, each with the reason it identifies no one — reviewed like the audit's personal
// fields (gateway/audit/personalFields.ts). Everything else stays inside the platform: account ids (pseudonyms
// are linkable to public profiles), contact details, names, and free text written by a person (notes, reasons,
// descriptions). A type not declared is never delivered to a partner; subscription filters name projected fields
// only. tests/security/partnerWebhooks.test.ts generates events of every declared type and checks the bodies.

export interface PartnerEventType {
  /** OAuth2 scope a partner needs to subscribe. */
  scope: string;
  /** Payload fields delivered to partners, each with why it names no one. */
  fields: Readonly<Record<string, string>>;
  /**
   * The event only says what the platform already publishes to everyone (for example a text the city published
   * itself). Declaring a type public is a reviewed decision: the privacy test does not look for free text in it.
   */
  public?: true;
}

export type PartnerEventCatalog = Readonly<Record<string, PartnerEventType>>;

type Scalar = string | number | boolean | null;

/** The partner projection of a payload: declared fields only, scalar values only. */
export function projectPayload(
  declaration: PartnerEventType,
  payload: Readonly<Record<string, unknown>>,
): Record<string, Scalar> {
  const projected: Record<string, Scalar> = {};
  for (const field of Object.keys(declaration.fields)) {
    const value = payload[field];
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
      projected[field] = value as Scalar;
  }
  return projected;
}
