// The datasets' rows, read from the subgraphs that own the data through their GraphQL APIs as the system caller
// (platform/internalClient.ts) — never their tables. Public fields where they suffice; the reports' aggregates come
// from the reports subgraph's internal `_openDataReportAggregates`, computed there by SQL with the small cells
// already suppressed, so that no single report ever leaves it. Only the columns of the catalogue are selected:
// nothing personal (authors, signers, contact details, descriptions written by citizens) is even asked for.
import type { InternalClient } from "../../../platform/internalClient.ts";
import {
  BUDGET_CAMPAIGNS,
  BUDGET_PROJECTS,
  CONSULTATION_RESULTS,
  CONSULTATIONS,
  datasetById,
  INITIATIVES,
  ORGANISATIONS,
  PETITIONS,
  PLACES,
  RELATIONS,
  REPORTS,
  type Row,
} from "../domain/catalog.ts";
import { euros, utcSecond } from "../domain/values.ts";
import type { DatasetSource } from "../ports/datasetSource.ts";

type Subgraph = Parameters<InternalClient["request"]>[0];

interface Connection<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every node of a paged connection, 100 at a time. */
async function allNodes<T>(
  internal: InternalClient,
  subgraph: Subgraph,
  query: string,
  field: string,
  variables: Record<string, unknown> = {},
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Connection<T> | null> = await internal.request(subgraph, query, {
      ...variables,
      after,
    });
    const connection = data[field];
    if (!connection) return nodes;
    for (const edge of connection.edges) nodes.push(edge.node);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return nodes;
    after = connection.pageInfo.endCursor;
  }
}

const HEAD = "logId: logId head { size total rootHash timestamp signature keyId }";

const PETITIONS_QUERY = /* GraphQL */ `
  query OpenDataPetitions($after: String) {
    petitions(filter: { states: [PUBLISHED, ANSWERED, CLOSED] }, first: 100, after: $after) {
      edges {
        node {
          id title theme state displayedStatus quartier { id }
          publishedAt signingStartsAt signingEndsAt closedAt
          signatureCount onlineSignatureCount paperSignatureCount
          milestones { kind threshold }
          response { text respondedAt service }
          ledger { ${HEAD} }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface LedgerHead {
  logId: string;
  head: {
    size: number;
    total: number;
    rootHash: string;
    timestamp: string | null;
    signature: string;
    keyId: string;
  };
}

interface PetitionNode {
  id: string;
  title: string;
  theme: string;
  state: string;
  displayedStatus: string | null;
  quartier: { id: string } | null;
  publishedAt: string | null;
  signingStartsAt: string | null;
  signingEndsAt: string | null;
  closedAt: string | null;
  signatureCount: number;
  onlineSignatureCount: number;
  paperSignatureCount: number;
  milestones: { kind: string; threshold: number }[];
  response: { text: string; respondedAt: string; service: string | null } | null;
  ledger: LedgerHead;
}

const QUARTIERS_QUERY = /* GraphQL */ `
  query OpenDataQuartiers($after: String) {
    quartiers(first: 100, after: $after) {
      edges { node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

const CAMPAIGNS_QUERY = /* GraphQL */ `
  query OpenDataBudgetCampaigns($after: String) {
    budgetCampaigns(first: 100, after: $after) {
      edges {
        node {
          id title phase totalBudgetCents projectCount ballotCount
          results { publishedAt }
          ballotLedger { ${HEAD} }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface CampaignNode {
  id: string;
  title: string;
  phase: string;
  totalBudgetCents: number;
  projectCount: number;
  ballotCount: number;
  results: { publishedAt: string } | null;
  ballotLedger: LedgerHead;
}

/**
 * Projects not published: those staff have not reviewed yet (their text is the depositor's, unmoderated) and those
 * found inadmissible — as the petitions dataset leaves out rejected petitions.
 */
const UNPUBLISHED_PROJECT_STATUSES = new Set(["SUBMITTED", "INADMISSIBLE"]);

const PROJECTS_QUERY = /* GraphQL */ `
  query OpenDataBudgetProjects($after: String) {
    budgetProjects(first: 100, after: $after) {
      edges {
        node {
          id title status estimatedCostCents costCents submittedAt
          campaign { id } envelope { label } quartier { id } location { lat lon }
          result { votes rank selected }
          followUp { progressPercent finalCostCents }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface ProjectNode {
  id: string;
  title: string;
  status: string;
  estimatedCostCents: number;
  costCents: number;
  submittedAt: string;
  campaign: { id: string };
  envelope: { label: string };
  quartier: { id: string } | null;
  location: { lat: number; lon: number } | null;
  result: { votes: number; rank: number; selected: boolean } | null;
  followUp: { progressPercent: number; finalCostCents: number | null } | null;
}

const REPORT_AGGREGATES_QUERY = /* GraphQL */ `
  query OpenDataReportAggregates($minimumCount: Int!) {
    _openDataReportAggregates(minimumCount: $minimumCount)
  }`;

interface ReportCell {
  categoryCode: string;
  categoryLabel: string;
  quartierId: string | null;
  month: string;
  status: string;
  count: number;
  medianResolutionHours: number | null;
}

const ORGANISATIONS_QUERY = /* GraphQL */ `
  query OpenDataOrganisations($after: String) {
    organizations(first: 100, after: $after) {
      edges {
        node {
          id slug name acronym kind category website updatedAt
          quartier { name } commune { name }
          provenance { source sourceId }
          relations(depth: 1, direction: OUTGOING, includeInactive: true) {
            edges { id type from { id } to { id } validFrom validUntil active }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface OrganisationNode {
  id: string;
  slug: string;
  name: string;
  acronym: string | null;
  kind: string;
  category: string | null;
  website: string | null;
  updatedAt: string;
  quartier: { name: string } | null;
  commune: { name: string } | null;
  provenance: { source: string; sourceId: string | null };
  relations: {
    edges: {
      id: string;
      type: string;
      from: { id: string };
      to: { id: string };
      validFrom: string | null;
      validUntil: string | null;
      active: boolean;
    }[];
  };
}

const PLACES_QUERY = /* GraphQL */ `
  query OpenDataPlaces($after: String) {
    places(first: 100, after: $after) {
      edges {
        node {
          id name kind address zipCode city website
          quartier { name } location { lat lon }
          provenance { source sourceId }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface PlaceNode {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  zipCode: string | null;
  city: string | null;
  website: string | null;
  quartier: { name: string } | null;
  location: { lat: number; lon: number };
  provenance: { source: string; sourceId: string | null };
}

const INITIATIVES_QUERY = /* GraphQL */ `
  query OpenDataInitiatives($after: String, $from: DateTime) {
    initiatives(filter: { from: $from, includeCancelled: true }, first: 100, after: $after) {
      edges {
        node {
          id title startsAt endsAt status
          organizer { id } place { id } quartier { name } location { lat lon }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface InitiativeNode {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  status: string;
  organizer: { id: string } | null;
  place: { id: string } | null;
  quartier: { name: string } | null;
  location: { lat: number; lon: number } | null;
}

// Consultations whose results staff published, with those frozen results. The results' `texts` (free answers made
// visible by moderation) are not selected: no citizen's text is published as open data (domain/catalog.ts).
const CONSULTATIONS_QUERY = /* GraphQL */ `
  query OpenDataConsultations($after: String) {
    consultations(status: RESULTS_PUBLISHED, first: 100, after: $after) {
      edges {
        node {
          id title kind summary project { id }
          participationStartsAt participationEndsAt closedAt resultsPublishedAt synthesis cityAnswer
          results {
            responseCount
            questions {
              questionId label kind answered mean
              options { optionId label count score meanRank }
              distribution { value count }
            }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface ConsultationNode {
  id: string;
  title: string;
  kind: string;
  summary: string;
  project: { id: string } | null;
  participationStartsAt: string;
  participationEndsAt: string;
  closedAt: string | null;
  resultsPublishedAt: string | null;
  synthesis: string | null;
  cityAnswer: string | null;
  results: {
    responseCount: number;
    questions: {
      questionId: string;
      label: string;
      kind: string;
      answered: number;
      mean: number | null;
      options: {
        optionId: string;
        label: string;
        count: number;
        score: number | null;
        meanRank: number | null;
      }[];
      distribution: { value: number; count: number }[];
    }[];
  } | null;
}

const TEXT_QUESTIONS = new Set(["SHORT_TEXT", "LONG_TEXT"]);

/** Oldest publication first, so that a new one adds rows at the end of the files. */
async function publishedConsultations(internal: InternalClient): Promise<ConsultationNode[]> {
  const consultations = await allNodes<ConsultationNode>(
    internal,
    "participation",
    CONSULTATIONS_QUERY,
    "consultations",
  );
  return consultations
    .filter((consultation) => consultation.results && consultation.resultsPublishedAt)
    .sort(
      (a, b) =>
        String(a.resultsPublishedAt).localeCompare(String(b.resultsPublishedAt)) || a.id.localeCompare(b.id),
    );
}

/** Where the directory's own records come from when they have no outside source. */
const PARVIS_SOURCE = "Parvis";
/** Initiatives since this date (the directory lists only those not yet over by default). */
const INITIATIVES_SINCE = "2000-01-01T00:00:00Z";

export interface SubgraphSourceOptions {
  /** Report cells with fewer reports than this are not published (OPENDATA_MIN_CELL_COUNT). */
  minimumCellCount: number;
}

export function subgraphDatasetSource(
  internal: InternalClient,
  options: SubgraphSourceOptions,
): DatasetSource {
  const quartierNames = async (): Promise<Map<string, string>> => {
    const quartiers = await allNodes<{ id: string; name: string }>(
      internal,
      "directory",
      QUARTIERS_QUERY,
      "quartiers",
    );
    return new Map(quartiers.map((quartier) => [quartier.id, quartier.name]));
  };

  const builders: Record<string, () => Promise<Row[]>> = {
    [PETITIONS.id]: async () => {
      const [petitions, quartiers] = await Promise.all([
        allNodes<PetitionNode>(internal, "petitions", PETITIONS_QUERY, "petitions"),
        quartierNames(),
      ]);
      return petitions.map((petition) => ({
        id: petition.id,
        titre: petition.title,
        theme: petition.theme,
        quartier: petition.quartier ? (quartiers.get(petition.quartier.id) ?? null) : null,
        etat: petition.state,
        statut_affiche: petition.displayedStatus,
        publiee_le: utcSecond(petition.publishedAt),
        signature_debut: utcSecond(petition.signingStartsAt),
        signature_fin: utcSecond(petition.signingEndsAt),
        close_le: utcSecond(petition.closedAt),
        signatures_total: petition.signatureCount,
        signatures_en_ligne: petition.onlineSignatureCount,
        signatures_papier: petition.paperSignatureCount,
        seuils_atteints:
          petition.milestones.map((milestone) => `${milestone.kind}:${milestone.threshold}`).join(",") ||
          null,
        reponse_ville: petition.response?.text ?? null,
        reponse_service: petition.response?.service ?? null,
        reponse_le: utcSecond(petition.response?.respondedAt),
        ...ledgerColumns(petition.ledger),
        registre_total: petition.ledger.head.total,
      }));
    },
    [BUDGET_CAMPAIGNS.id]: async () => {
      const campaigns = await allNodes<CampaignNode>(internal, "budget", CAMPAIGNS_QUERY, "budgetCampaigns");
      return campaigns.map((campaign) => ({
        id: campaign.id,
        titre: campaign.title,
        phase: campaign.phase,
        budget_total_euros: euros(campaign.totalBudgetCents),
        projets: campaign.projectCount,
        bulletins: campaign.ballotCount,
        resultats_publies_le: utcSecond(campaign.results?.publishedAt),
        ...ledgerColumns(campaign.ballotLedger),
      }));
    },
    [BUDGET_PROJECTS.id]: async () => {
      const [projects, quartiers] = await Promise.all([
        allNodes<ProjectNode>(internal, "budget", PROJECTS_QUERY, "budgetProjects"),
        quartierNames(),
      ]);
      const published = projects.filter((project) => !UNPUBLISHED_PROJECT_STATUSES.has(project.status));
      return published.map((project) => ({
        id: project.id,
        campagne_id: project.campaign.id,
        titre: project.title,
        enveloppe: project.envelope.label,
        quartier: project.quartier ? (quartiers.get(project.quartier.id) ?? null) : null,
        cout_estime_euros: euros(project.estimatedCostCents),
        cout_euros: euros(project.costCents),
        statut: project.status,
        voix: project.result?.votes ?? null,
        rang: project.result?.rank ?? null,
        retenu: project.result ? project.result.selected : null,
        avancement_pourcent: project.followUp?.progressPercent ?? null,
        cout_final_euros: euros(project.followUp?.finalCostCents),
        latitude: project.location?.lat ?? null,
        longitude: project.location?.lon ?? null,
        depose_le: utcSecond(project.submittedAt),
      }));
    },
    [REPORTS.id]: async () => {
      const [answer, quartiers] = await Promise.all([
        internal.request<{ _openDataReportAggregates: ReportCell[] }>("reports", REPORT_AGGREGATES_QUERY, {
          minimumCount: options.minimumCellCount,
        }),
        quartierNames(),
      ]);
      return answer._openDataReportAggregates.map((cell) => ({
        categorie: cell.categoryCode,
        categorie_libelle: cell.categoryLabel,
        quartier: (cell.quartierId && quartiers.get(cell.quartierId)) || "inconnu",
        mois: cell.month,
        statut: cell.status,
        nombre: cell.count,
        duree_mediane_resolution_heures: cell.medianResolutionHours,
      }));
    },
    [ORGANISATIONS.id]: async () => {
      const organisations = await allNodes<OrganisationNode>(
        internal,
        "directory",
        ORGANISATIONS_QUERY,
        "organizations",
      );
      return organisations.map((organisation) => ({
        id: organisation.id,
        slug: organisation.slug,
        nom: organisation.name,
        sigle: organisation.acronym,
        type: organisation.kind,
        categorie: organisation.category,
        site_web: organisation.website,
        quartier: organisation.quartier?.name ?? null,
        commune: organisation.commune?.name ?? null,
        source: organisation.provenance.source,
        source_id: organisation.provenance.sourceId,
        mis_a_jour_le: utcSecond(organisation.updatedAt),
      }));
    },
    [RELATIONS.id]: async () => {
      const organisations = await allNodes<OrganisationNode>(
        internal,
        "directory",
        ORGANISATIONS_QUERY,
        "organizations",
      );
      const sources = new Map(organisations.map((item) => [item.id, item.provenance.source]));
      const seen = new Set<string>();
      const rows: Row[] = [];
      for (const organisation of organisations) {
        for (const relation of organisation.relations.edges) {
          if (seen.has(relation.id)) continue;
          seen.add(relation.id);
          rows.push({
            id: relation.id,
            type: relation.type,
            de: relation.from.id,
            vers: relation.to.id,
            debut: relation.validFrom,
            fin: relation.validUntil,
            active: relation.active,
            source: sources.get(relation.from.id) ?? PARVIS_SOURCE,
          });
        }
      }
      return rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
    },
    [PLACES.id]: async () => {
      const places = await allNodes<PlaceNode>(internal, "directory", PLACES_QUERY, "places");
      return places.map((place) => ({
        id: place.id,
        nom: place.name,
        type: place.kind,
        adresse: place.address,
        code_postal: place.zipCode,
        ville: place.city,
        quartier: place.quartier?.name ?? null,
        latitude: place.location.lat,
        longitude: place.location.lon,
        site_web: place.website,
        source: place.provenance.source,
        source_id: place.provenance.sourceId,
      }));
    },
    [INITIATIVES.id]: async () => {
      const initiatives = await allNodes<InitiativeNode>(
        internal,
        "directory",
        INITIATIVES_QUERY,
        "initiatives",
        { from: INITIATIVES_SINCE },
      );
      return initiatives.map((initiative) => ({
        id: initiative.id,
        titre: initiative.title,
        organisateur: initiative.organizer?.id ?? null,
        lieu: initiative.place?.id ?? null,
        quartier: initiative.quartier?.name ?? null,
        latitude: initiative.location?.lat ?? null,
        longitude: initiative.location?.lon ?? null,
        debut: utcSecond(initiative.startsAt),
        fin: utcSecond(initiative.endsAt),
        statut: initiative.status,
        source: PARVIS_SOURCE,
      }));
    },
    [CONSULTATIONS.id]: async () =>
      (await publishedConsultations(internal)).map((consultation) => ({
        id: consultation.id,
        titre: consultation.title,
        nature: consultation.kind,
        resume: consultation.summary,
        projet_id: consultation.project?.id ?? null,
        participation_debut: utcSecond(consultation.participationStartsAt),
        participation_fin: utcSecond(consultation.participationEndsAt),
        close_le: utcSecond(consultation.closedAt),
        resultats_publies_le: utcSecond(consultation.resultsPublishedAt),
        reponses: consultation.results?.responseCount ?? 0,
        questions: consultation.results?.questions.length ?? 0,
        synthese: consultation.synthesis,
        reponse_ville: consultation.cityAnswer,
      })),
    [CONSULTATION_RESULTS.id]: async () => {
      const rows: Row[] = [];
      for (const consultation of await publishedConsultations(internal)) {
        for (const [index, question] of (consultation.results?.questions ?? []).entries()) {
          const common = {
            consultation_id: consultation.id,
            question_id: question.questionId,
            question_rang: index + 1,
            question: question.label,
            question_nature: question.kind,
            repondants: question.answered,
          };
          if (TEXT_QUESTIONS.has(question.kind)) {
            // How many answered, never what they wrote.
            rows.push({ ...common, id: `${question.questionId}:texte` });
            continue;
          }
          for (const option of question.options)
            rows.push({
              ...common,
              id: `${question.questionId}:option:${option.optionId}`,
              option_id: option.optionId,
              option: option.label,
              nombre: option.count,
              score_borda: option.score,
              rang_moyen: option.meanRank,
            });
          for (const value of question.distribution)
            rows.push({
              ...common,
              id: `${question.questionId}:valeur:${value.value}`,
              valeur: value.value,
              nombre: value.count,
              moyenne: question.mean,
            });
        }
      }
      return rows;
    },
  };

  return {
    async rows(datasetId) {
      const dataset = datasetById(datasetId);
      const build = builders[datasetId];
      if (!dataset || !build) throw new Error(`unknown dataset ${datasetId}`);
      // Exactly the columns of the Table Schema, in its order: nothing else can slip into a file.
      return (await build()).map((row) =>
        Object.fromEntries(dataset.fields.map((field) => [field.name, row[field.name] ?? null])),
      );
    },
  };
}

function ledgerColumns(ledger: LedgerHead): Row {
  return {
    registre_id: ledger.logId,
    registre_taille: ledger.head.size,
    registre_racine: ledger.head.rootHash,
    registre_horodatage: ledger.head.timestamp,
    registre_signature: ledger.head.signature,
    registre_cle: ledger.head.keyId,
  };
}
