// Breaking changes made on purpose, after review: `npm run schema:check` accepts each one listed here (schema
// coordinate and kind of change) and prints its reason instead of failing. Add an entry only with the change
// itself, in the same commit, and say why a client is better off; the list stays as the record of what was
// broken deliberately, and when.

export interface ReviewedChange {
  /** Schema coordinate, as the comparison reports it (`Query.petitions`, `Account.signedPetitions`). */
  path: string;
  /** What was changed: "nullable" accepts only an output field whose type lost `!` (nothing else changed). */
  change: "nullable";
  reason: string;
}

/** The change as the comparison sees it (@graphql-inspector's type and meta). */
export interface ObservedChange {
  path: string | null;
  type: string;
  meta?: { oldFieldType?: unknown; newFieldType?: unknown };
}

/** True when `after` is `before` with one or more `!` removed: the same type, only more nullable. */
function onlyMadeNullable(change: ObservedChange): boolean {
  const before = change.meta?.oldFieldType;
  const after = change.meta?.newFieldType;
  if (change.type !== "FIELD_TYPE_CHANGED" || typeof before !== "string" || typeof after !== "string")
    return false;
  return before.replaceAll("!", "") === after.replaceAll("!", "") && after.length < before.length;
}

// Partial results (issue #16, 2026-12-03): a root field or a field served by another subgraph is nullable, so that
// a subgraph or a database that cannot answer nulls that field alone, with an error on its path, instead of the
// whole answer. Clients already had to read `errors`; they now also get the data that did not depend on it.
const PARTIAL_RESULTS =
  "rendu nullable : un sous-graphe indisponible ne coûte que ce champ (résultat partiel, UPSTREAM_UNAVAILABLE sur son chemin), pas toute la réponse (#16)";

const ROOT_FIELDS = [
  "budgetCampaigns",
  "budgetProjects",
  "quartiers",
  "communes",
  "organizations",
  "places",
  "initiatives",
  "events",
  "mapFeatures",
  "directoryFreshness",
  "directorySyncRuns",
  "pendingOrganizationClaims",
  "pendingOrganizationEdits",
  "myOrganizationClaims",
  "myFollows",
  "myWebhookSubscriptions",
  "deadLetteredEvents",
  "petitions",
  "petitionRules",
  "petitionModerationQueue",
  "petitionExportAudits",
  "reportCategories",
  "responsibleServices",
  "reports",
  "reportsGeoJson",
  "similarReports",
  "reportQueue",
  "investigations",
  "auditTrail",
  "auditLedger",
];

/** Fields another subgraph contributes to an entity, and references whose entity another subgraph resolves. */
const CROSS_SUBGRAPH_FIELDS = [
  "Account.authoredPetitionCount",
  "Account.signedPetitionCount",
  "Account.signedPetitions",
  "Account.myReports",
  "Quartier.participantCount",
  "Petition.coAuthors",
  "Petition.invitedCoAuthors",
  "Organization.representatives",
];

export const REVIEWED_CHANGES: readonly ReviewedChange[] = [
  ...ROOT_FIELDS.map((field) => ({
    path: `Query.${field}`,
    change: "nullable" as const,
    reason: PARTIAL_RESULTS,
  })),
  ...CROSS_SUBGRAPH_FIELDS.map((path) => ({ path, change: "nullable" as const, reason: PARTIAL_RESULTS })),
];

/** The reason a breaking change was accepted, when it is in the list and is exactly the change reviewed. */
export function reviewedReason(change: ObservedChange): string | undefined {
  const reviewed = REVIEWED_CHANGES.find((candidate) => candidate.path === change.path);
  return reviewed && onlyMadeNullable(change) ? reviewed.reason : undefined;
}
