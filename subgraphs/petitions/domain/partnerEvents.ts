// The partner projection of the petitions' events (see platform/partnerEvents.ts). Left out on purpose: the
// author's account id (the pseudonym behind `petition { author { id displayName } }`). The answering service is a
// city department, not a person. Partners read a petition's public text through the API.
import type { PartnerEventCatalog } from "../../../platform/partnerEvents.ts";

const petitionId = "identifiant de la pétition (publique)";
const signatureCount = "nombre de signatures (public)";

export const PETITION_PARTNER_EVENTS: PartnerEventCatalog = {
  "petition.published": {
    scope: "petitions:read",
    fields: { petitionId, signingStartsAt: "date publique", signingEndsAt: "date publique" },
  },
  "petition.rejected": { scope: "petitions:read", fields: { petitionId, rejectedAt: "date" } },
  "petition.milestone_reached": {
    scope: "petitions:read",
    fields: {
      petitionId,
      milestone: "palier (énumération)",
      threshold: "seuil réglementaire",
      signatureCount,
      reachedAt: "date",
    },
  },
  "petition.answered": {
    scope: "petitions:read",
    fields: { petitionId, respondedAt: "date", service: "service municipal qui répond", signatureCount },
  },
};
