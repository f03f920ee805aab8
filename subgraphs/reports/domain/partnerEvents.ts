// The partner projection of the reports' events (see platform/partnerEvents.ts). Left out on purpose: the
// reporter's account id (the pseudonym shown on their public petitions: a partner could put a name on a report's
// place and text), the staff note and reason of a status change (free text written by a person), and anything
// from the report itself (description, contact, photos), which partners read through the API with their scopes.
import type { PartnerEventCatalog } from "../../../platform/partnerEvents.ts";

const reportId = "identifiant du signalement (public par son numéro de suivi), pas d'une personne";
const at = "date de l'événement";

export const REPORT_PARTNER_EVENTS: PartnerEventCatalog = {
  "report.status_changed": {
    scope: "reports:read",
    fields: {
      reportId,
      categoryCode: "code de catégorie du catalogue public",
      fromStatus: "statut (énumération)",
      toStatus: "statut (énumération)",
      serviceCode: "code du service municipal responsable",
      duplicateOfId: "identifiant d'un autre signalement",
      at,
    },
  },
  "report.rerouted": {
    scope: "reports:read",
    fields: { reportId, fromServiceCode: "code de service", toServiceCode: "code de service", at },
  },
  "report.supported": { scope: "reports:read", fields: { reportId, at } },
};
