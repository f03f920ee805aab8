// The investigations shipped with Parvis (seeded by subgraphs/staff/seed.ts): useful starting points written against
// the supergraph's real fields (tests/explorer/shippedInvestigations.test.ts validates each against the composed API
// schema). Shared with every agent, owned by the platform's service, changed by administrators only.
import { readFileSync } from "node:fs";

export const SHIPPED_SERVICE = "DMEPN";

export interface ShippedInvestigation {
  seedKey: string;
  name: string;
  description: string;
  operation: string;
  /** `{{now-30d}}` and the like are resolved by the explorer when it runs the investigation. */
  variables: Record<string, unknown>;
}

const read = (file: string) => readFileSync(new URL(file, import.meta.url), "utf8");

/** The placeholder an agent replaces before running an investigation that needs an id. */
export const QUARTIER_PLACEHOLDER = "<identifiant du quartier>";

export function shippedInvestigations(defaults: { quartierId: string | null }): ShippedInvestigation[] {
  return [
    {
      seedKey: "reports-of-quartier-30-days",
      name: "Signalements d'un quartier sur 30 jours",
      description:
        "Les signalements d'un quartier déposés ces 30 derniers jours, du plus récent au plus ancien, avec l'historique " +
        "de leurs étapes (dépôt, prise en compte, intervention, résolution…). Changez `quartier` pour un autre quartier " +
        "(voir la requête `quartiers`).",
      operation: read("reportsOfQuartier.graphql"),
      variables: { quartier: defaults.quartierId ?? QUARTIER_PLACEHOLDER, since: "{{now-30d}}" },
    },
    {
      seedKey: "petitions-near-threshold",
      name: "Pétitions proches d'un seuil",
      description:
        "Les pétitions ouvertes aux signatures, des plus signées aux moins signées, avec le prochain seuil (rencontre " +
        "avec l'élu, conseil municipal) et le nombre de signatures qui manquent pour l'atteindre (`remaining`).",
      operation: read("petitionsNearThreshold.graphql"),
      variables: {},
    },
    {
      seedKey: "budget-projects-awaiting-feasibility",
      name: "Projets du budget participatif en attente de faisabilité",
      description:
        "Les projets recevables ou en cours d'étude de faisabilité, avec les avis déjà rendus et le service qui les a " +
        "rendus (`reviews.service`) : exportez en CSV et triez par service. `campaignId` restreint à une campagne.",
      operation: read("budgetProjectsAwaitingFeasibility.graphql"),
      variables: {},
    },
  ];
}
