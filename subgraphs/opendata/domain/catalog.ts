// The datasets Parvis publishes as open data: what each one is (stable identifier, French title and description,
// update frequency, keywords) and its columns as a Frictionless Table Schema. Nothing here says where the rows come
// from (adapters/subgraphSources.ts) nor how they are written out (http/formats.ts). A dataset never holds who did
// something (account ids, pseudonyms, names, contact details), what a citizen wrote freely, nor where a report was
// made: tests/opendata/privacy.test.ts scans every dataset generated from the demo data for them.

/** Frictionless Table Schema field types used here (https://specs.frictionlessdata.io/table-schema/). */
export type FieldType = "string" | "integer" | "number" | "boolean" | "datetime" | "date" | "yearmonth";

export interface Field {
  name: string;
  type: FieldType;
  /** French, for the portal and the data package. */
  description: string;
  required?: boolean;
  /** Allowed values (an enumeration of the API). */
  enum?: readonly string[];
}

/** One row: column name → value (null when unknown). */
export type Row = Record<string, string | number | boolean | null>;

/** Update frequencies of the EU vocabulary (http://publications.europa.eu/resource/authority/frequency/…). */
export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY" | "IRREG";

export interface DatasetDefinition {
  /** Stable identifier: the file names, the URLs and the portal's dataset_id. Never change one once published. */
  id: string;
  title: string;
  description: string;
  keywords: readonly string[];
  /** The DCAT theme (EU data theme vocabulary: GOVE government and public sector, SOCI society, REGI regions). */
  theme: "GOVE" | "SOCI" | "REGI";
  frequency: Frequency;
  fields: readonly Field[];
  primaryKey: readonly string[];
  /** Columns holding a WGS 84 point, when the dataset has geometry (served as GeoJSON too). */
  geometry?: { lat: string; lon: string };
  /** The subgraphs it is read from (for the documentation and the event trigger). */
  sources: readonly string[];
}

const PETITION_STATES = ["PUBLISHED", "ANSWERED", "CLOSED"] as const;

export const PETITIONS: DatasetDefinition = {
  id: "parvis_petitions",
  title: "Pétitions citoyennes",
  description:
    "Les pétitions publiées sur Parvis : thème, état, statut affiché, dates, nombres de signatures en ligne et " +
    "papier, seuils franchis et réponse de la Ville. Chaque ligne porte la tête signée du registre des signatures " +
    "de la pétition (taille, total, racine, signature Ed25519) : chacun peut vérifier le décompte.",
  keywords: ["pétition", "participation citoyenne", "démocratie locale", "registre vérifiable"],
  theme: "GOVE",
  frequency: "DAILY",
  primaryKey: ["id"],
  sources: ["petitions", "directory"],
  fields: [
    { name: "id", type: "string", description: "Identifiant de la pétition (UUID).", required: true },
    { name: "titre", type: "string", description: "Titre de la pétition.", required: true },
    { name: "theme", type: "string", description: "Thème de la pétition.", required: true },
    { name: "quartier", type: "string", description: "Quartier concerné, s'il y en a un." },
    {
      name: "etat",
      type: "string",
      description: "Étape du cycle de vie.",
      required: true,
      enum: PETITION_STATES,
    },
    { name: "statut_affiche", type: "string", description: "Statut affiché par la Ville." },
    { name: "publiee_le", type: "datetime", description: "Date de publication (UTC)." },
    { name: "signature_debut", type: "datetime", description: "Début de la période de signature (UTC)." },
    { name: "signature_fin", type: "datetime", description: "Fin de la période de signature (UTC)." },
    { name: "close_le", type: "datetime", description: "Date de clôture (UTC)." },
    { name: "signatures_total", type: "integer", description: "Nombre total de signatures.", required: true },
    { name: "signatures_en_ligne", type: "integer", description: "Signatures en ligne.", required: true },
    { name: "signatures_papier", type: "integer", description: "Signatures papier saisies.", required: true },
    {
      name: "seuils_atteints",
      type: "string",
      description: "Seuils franchis, séparés par des virgules (ex. MEETING:500).",
    },
    { name: "reponse_ville", type: "string", description: "Réponse officielle de la Ville." },
    { name: "reponse_service", type: "string", description: "Service qui a répondu." },
    { name: "reponse_le", type: "datetime", description: "Date de la réponse (UTC)." },
    {
      name: "registre_id",
      type: "string",
      description: "Identifiant du registre des signatures.",
      required: true,
    },
    {
      name: "registre_taille",
      type: "integer",
      description: "Nombre d'entrées du registre.",
      required: true,
    },
    {
      name: "registre_total",
      type: "integer",
      description: "Total garanti par la tête signée du registre (égal aux signatures).",
      required: true,
    },
    {
      name: "registre_racine",
      type: "string",
      description: "Racine de Merkle (SHA-256, hexadécimal).",
      required: true,
    },
    { name: "registre_horodatage", type: "string", description: "Horodatage signé de la tête (RFC 3339)." },
    {
      name: "registre_signature",
      type: "string",
      description: "Signature Ed25519 de la tête (base64url).",
      required: true,
    },
    {
      name: "registre_cle",
      type: "string",
      description: "Identifiant de la clé de signature.",
      required: true,
    },
  ],
};

export const BUDGET_CAMPAIGNS: DatasetDefinition = {
  id: "parvis_budget_participatif_campagnes",
  title: "Budget participatif : campagnes et registres des votes",
  description:
    "Les campagnes du budget participatif : phase, enveloppe totale, nombre de projets et de bulletins, et la " +
    "tête signée du registre public des bulletins (taille, racine, signature Ed25519), d'où chacun peut recompter " +
    "les résultats.",
  keywords: ["budget participatif", "vote", "registre vérifiable"],
  theme: "GOVE",
  frequency: "DAILY",
  primaryKey: ["id"],
  sources: ["budget"],
  fields: [
    { name: "id", type: "string", description: "Identifiant de la campagne (UUID).", required: true },
    { name: "titre", type: "string", description: "Titre de la campagne.", required: true },
    { name: "phase", type: "string", description: "Phase en cours.", required: true },
    { name: "budget_total_euros", type: "number", description: "Enveloppe totale (euros).", required: true },
    { name: "projets", type: "integer", description: "Nombre de projets déposés.", required: true },
    { name: "bulletins", type: "integer", description: "Nombre de bulletins.", required: true },
    { name: "resultats_publies_le", type: "datetime", description: "Publication des résultats (UTC)." },
    {
      name: "registre_id",
      type: "string",
      description: "Identifiant du registre des bulletins.",
      required: true,
    },
    {
      name: "registre_taille",
      type: "integer",
      description: "Nombre d'entrées du registre.",
      required: true,
    },
    { name: "registre_racine", type: "string", description: "Racine de Merkle (SHA-256).", required: true },
    { name: "registre_horodatage", type: "string", description: "Horodatage signé de la tête (RFC 3339)." },
    {
      name: "registre_signature",
      type: "string",
      description: "Signature Ed25519 (base64url).",
      required: true,
    },
    {
      name: "registre_cle",
      type: "string",
      description: "Identifiant de la clé de signature.",
      required: true,
    },
  ],
};

export const BUDGET_PROJECTS: DatasetDefinition = {
  id: "parvis_budget_participatif_projets",
  title: "Budget participatif : projets, votes et suivi",
  description:
    "Les projets du budget participatif : campagne, enveloppe, quartier, coût estimé et retenu, statut (dont " +
    "l'issue de l'étude de faisabilité), voix obtenues, rang, sélection et avancement de la réalisation.",
  keywords: ["budget participatif", "projets", "vote", "suivi"],
  theme: "GOVE",
  frequency: "DAILY",
  primaryKey: ["id"],
  geometry: { lat: "latitude", lon: "longitude" },
  sources: ["budget", "directory"],
  fields: [
    { name: "id", type: "string", description: "Identifiant du projet (UUID).", required: true },
    { name: "campagne_id", type: "string", description: "Identifiant de la campagne.", required: true },
    { name: "titre", type: "string", description: "Titre du projet.", required: true },
    { name: "enveloppe", type: "string", description: "Enveloppe du projet.", required: true },
    { name: "quartier", type: "string", description: "Quartier du projet." },
    { name: "cout_estime_euros", type: "number", description: "Coût estimé (euros).", required: true },
    {
      name: "cout_euros",
      type: "number",
      description: "Coût retenu par les services (euros).",
      required: true,
    },
    {
      name: "statut",
      type: "string",
      description: "Statut (recevabilité, faisabilité, vote, réalisation).",
      required: true,
    },
    { name: "voix", type: "integer", description: "Voix obtenues (après publication des résultats)." },
    { name: "rang", type: "integer", description: "Rang dans son enveloppe." },
    { name: "retenu", type: "boolean", description: "Retenu au vote." },
    { name: "avancement_pourcent", type: "integer", description: "Avancement de la réalisation (%)." },
    { name: "cout_final_euros", type: "number", description: "Coût final de la réalisation (euros)." },
    { name: "latitude", type: "number", description: "Latitude du lieu du projet (WGS 84)." },
    { name: "longitude", type: "number", description: "Longitude du lieu du projet (WGS 84)." },
    { name: "depose_le", type: "datetime", description: "Date de dépôt (UTC).", required: true },
  ],
};

export const REPORTS: DatasetDefinition = {
  id: "parvis_signalements_agreges",
  title: "Signalements dans l'espace public (agrégés)",
  description:
    "Nombre de signalements par catégorie, quartier, mois de dépôt et statut, avec la durée médiane de " +
    "résolution. Données agrégées uniquement : aucune localisation précise, aucun texte ; les cases comptant " +
    "moins de signalements que le seuil de confidentialité ne sont pas publiées.",
  keywords: ["signalements", "espace public", "propreté", "voirie"],
  theme: "REGI",
  frequency: "DAILY",
  primaryKey: ["categorie", "quartier", "mois", "statut"],
  sources: ["reports", "directory"],
  fields: [
    { name: "categorie", type: "string", description: "Code de la catégorie.", required: true },
    { name: "categorie_libelle", type: "string", description: "Libellé de la catégorie.", required: true },
    {
      name: "quartier",
      type: "string",
      description: "Quartier (« inconnu » hors des quartiers connus).",
      required: true,
    },
    { name: "mois", type: "yearmonth", description: "Mois de dépôt (AAAA-MM).", required: true },
    { name: "statut", type: "string", description: "Statut des signalements.", required: true },
    {
      name: "nombre",
      type: "integer",
      description: "Nombre de signalements (au moins le seuil).",
      required: true,
    },
    {
      name: "duree_mediane_resolution_heures",
      type: "number",
      description: "Durée médiane entre dépôt et clôture (heures), pour les signalements clos.",
    },
  ],
};

export const ORGANISATIONS: DatasetDefinition = {
  id: "parvis_annuaire_organisations",
  title: "Annuaire des organisations",
  description:
    "Les organisations de l'annuaire (associations, conseils de quartier, services, structures) avec leur " +
    "quartier, leur commune, leur site et la source de chaque fiche.",
  keywords: ["annuaire", "associations", "vie associative"],
  theme: "SOCI",
  frequency: "WEEKLY",
  primaryKey: ["id"],
  sources: ["directory"],
  fields: [
    { name: "id", type: "string", description: "Identifiant (UUID).", required: true },
    { name: "slug", type: "string", description: "Identifiant lisible.", required: true },
    { name: "nom", type: "string", description: "Nom.", required: true },
    { name: "sigle", type: "string", description: "Sigle." },
    { name: "type", type: "string", description: "Type d'organisation.", required: true },
    { name: "categorie", type: "string", description: "Catégorie." },
    { name: "site_web", type: "string", description: "Site web." },
    { name: "quartier", type: "string", description: "Quartier." },
    { name: "commune", type: "string", description: "Commune." },
    { name: "source", type: "string", description: "Source de la fiche.", required: true },
    { name: "source_id", type: "string", description: "Identifiant dans la source." },
    { name: "mis_a_jour_le", type: "datetime", description: "Dernière mise à jour (UTC).", required: true },
  ],
};

export const RELATIONS: DatasetDefinition = {
  id: "parvis_annuaire_relations",
  title: "Annuaire : relations entre organisations",
  description:
    "Les relations entre organisations de l'annuaire (membre de, partenaire de, …), avec leurs dates.",
  keywords: ["annuaire", "associations", "réseau"],
  theme: "SOCI",
  frequency: "WEEKLY",
  primaryKey: ["id"],
  sources: ["directory"],
  fields: [
    { name: "id", type: "string", description: "Identifiant de la relation (UUID).", required: true },
    { name: "type", type: "string", description: "Type de relation.", required: true },
    { name: "de", type: "string", description: "Organisation d'origine (identifiant).", required: true },
    { name: "vers", type: "string", description: "Organisation liée (identifiant).", required: true },
    { name: "debut", type: "date", description: "Début de validité." },
    { name: "fin", type: "date", description: "Fin de validité." },
    { name: "active", type: "boolean", description: "Relation en vigueur.", required: true },
    {
      name: "source",
      type: "string",
      description: "Source (celle de l'organisation d'origine).",
      required: true,
    },
  ],
};

export const PLACES: DatasetDefinition = {
  id: "parvis_annuaire_lieux",
  title: "Annuaire des lieux",
  description:
    "Les lieux de l'annuaire (équipements, salles, parcs, …) avec leur adresse, leur position et leur source.",
  keywords: ["annuaire", "équipements", "lieux"],
  theme: "REGI",
  frequency: "WEEKLY",
  primaryKey: ["id"],
  geometry: { lat: "latitude", lon: "longitude" },
  sources: ["directory"],
  fields: [
    { name: "id", type: "string", description: "Identifiant (UUID).", required: true },
    { name: "nom", type: "string", description: "Nom.", required: true },
    { name: "type", type: "string", description: "Type de lieu.", required: true },
    { name: "adresse", type: "string", description: "Adresse." },
    { name: "code_postal", type: "string", description: "Code postal." },
    { name: "ville", type: "string", description: "Ville." },
    { name: "quartier", type: "string", description: "Quartier." },
    { name: "latitude", type: "number", description: "Latitude (WGS 84).", required: true },
    { name: "longitude", type: "number", description: "Longitude (WGS 84).", required: true },
    { name: "site_web", type: "string", description: "Site web." },
    { name: "source", type: "string", description: "Source de la fiche.", required: true },
    { name: "source_id", type: "string", description: "Identifiant dans la source." },
  ],
};

export const INITIATIVES: DatasetDefinition = {
  id: "parvis_annuaire_initiatives",
  title: "Initiatives citoyennes et associatives",
  description: "Les initiatives publiées dans l'annuaire : organisateur, lieu, quartier, dates et statut.",
  keywords: ["annuaire", "initiatives", "bénévolat"],
  theme: "SOCI",
  frequency: "DAILY",
  primaryKey: ["id"],
  geometry: { lat: "latitude", lon: "longitude" },
  sources: ["directory"],
  fields: [
    { name: "id", type: "string", description: "Identifiant (UUID).", required: true },
    { name: "titre", type: "string", description: "Titre.", required: true },
    { name: "organisateur", type: "string", description: "Organisation organisatrice (identifiant)." },
    { name: "lieu", type: "string", description: "Lieu (identifiant)." },
    { name: "quartier", type: "string", description: "Quartier." },
    { name: "latitude", type: "number", description: "Latitude (WGS 84)." },
    { name: "longitude", type: "number", description: "Longitude (WGS 84)." },
    { name: "debut", type: "datetime", description: "Début (UTC).", required: true },
    { name: "fin", type: "datetime", description: "Fin (UTC)." },
    { name: "statut", type: "string", description: "Statut.", required: true },
    { name: "source", type: "string", description: "Source.", required: true },
  ],
};

const CONSULTATION_KINDS = ["INFORMATION", "CONSULTATION", "CONCERTATION", "CO_CONSTRUCTION"] as const;
const QUESTION_KINDS = [
  "SINGLE_CHOICE",
  "MULTIPLE_CHOICE",
  "RANKING",
  "SCALE",
  "SHORT_TEXT",
  "LONG_TEXT",
] as const;

// Consultations: only those whose results staff published, with what staff published — the frozen counts, the
// synthesis and the city's answer. Free-text answers are left out altogether, even those moderators made visible:
// written by citizens, they may name or describe someone, and a published open dataset cannot be corrected
// afterwards. They stay readable on the consultation's page (GraphQL), where moderation still applies.

export const CONSULTATIONS: DatasetDefinition = {
  id: "parvis_consultations",
  title: "Consultations citoyennes : synthèses et réponses de la Ville",
  description:
    "Les consultations de la Ville dont les résultats ont été publiés : nature, projet, périodes de participation, " +
    "nombre de réponses au questionnaire, synthèse et réponse de la Ville. Les résultats question par question " +
    "sont dans le jeu « parvis_consultations_resultats ». Les réponses libres des participants ne sont pas publiées.",
  keywords: ["consultation", "concertation", "participation citoyenne", "démocratie locale"],
  theme: "GOVE",
  frequency: "IRREG",
  primaryKey: ["id"],
  sources: ["participation"],
  fields: [
    { name: "id", type: "string", description: "Identifiant de la consultation (UUID).", required: true },
    { name: "titre", type: "string", description: "Titre de la consultation.", required: true },
    {
      name: "nature",
      type: "string",
      description: "Nature de la participation (information, consultation, concertation, co-construction).",
      required: true,
      enum: CONSULTATION_KINDS,
    },
    { name: "resume", type: "string", description: "Résumé rédigé par la Ville.", required: true },
    {
      name: "projet_id",
      type: "string",
      description: "Projet de la Ville auquel elle est rattachée (UUID).",
    },
    {
      name: "participation_debut",
      type: "datetime",
      description: "Début de la participation (UTC).",
      required: true,
    },
    {
      name: "participation_fin",
      type: "datetime",
      description: "Fin prévue de la participation (UTC).",
      required: true,
    },
    { name: "close_le", type: "datetime", description: "Clôture effective (UTC)." },
    {
      name: "resultats_publies_le",
      type: "datetime",
      description: "Publication des résultats (UTC).",
      required: true,
    },
    {
      name: "reponses",
      type: "integer",
      description: "Nombre de réponses au questionnaire (une par personne).",
      required: true,
    },
    { name: "questions", type: "integer", description: "Nombre de questions.", required: true },
    { name: "synthese", type: "string", description: "Synthèse publiée par la Ville.", required: true },
    { name: "reponse_ville", type: "string", description: "Réponse de la Ville.", required: true },
  ],
};

export const CONSULTATION_RESULTS: DatasetDefinition = {
  id: "parvis_consultations_resultats",
  title: "Consultations citoyennes : résultats des questionnaires",
  description:
    "Les résultats publiés des questionnaires des consultations, une ligne par option de réponse (questions à " +
    "choix et classements : nombre de personnes, score de Borda et rang moyen des classements), par valeur " +
    "d'échelle (nombre de personnes, moyenne) ou par question libre (nombre de répondants seulement : les " +
    "textes écrits par les participants ne sont pas publiés). Aucune réponse individuelle.",
  keywords: ["consultation", "questionnaire", "résultats", "participation citoyenne"],
  theme: "GOVE",
  frequency: "IRREG",
  primaryKey: ["id"],
  sources: ["participation"],
  fields: [
    {
      name: "id",
      type: "string",
      description: "Identifiant de la ligne : question, puis « option:<n> », « valeur:<n> » ou « texte ».",
      required: true,
    },
    {
      name: "consultation_id",
      type: "string",
      description: "Identifiant de la consultation.",
      required: true,
    },
    {
      name: "question_id",
      type: "string",
      description: "Identifiant de la question (UUID).",
      required: true,
    },
    {
      name: "question_rang",
      type: "integer",
      description: "Rang de la question (1 = première).",
      required: true,
    },
    { name: "question", type: "string", description: "Intitulé de la question.", required: true },
    {
      name: "question_nature",
      type: "string",
      description: "Nature de la question.",
      required: true,
      enum: QUESTION_KINDS,
    },
    {
      name: "repondants",
      type: "integer",
      description: "Nombre de personnes qui ont répondu à la question.",
      required: true,
    },
    {
      name: "option_id",
      type: "string",
      description: "Option (« 1 », « 2 »…), pour les choix et classements.",
    },
    { name: "option", type: "string", description: "Intitulé de l'option." },
    { name: "valeur", type: "integer", description: "Valeur de l'échelle, pour les échelles." },
    {
      name: "nombre",
      type: "integer",
      description:
        "Personnes qui ont choisi (ou classé) l'option, ou donné la valeur ; vide pour une question libre.",
    },
    {
      name: "score_borda",
      type: "integer",
      description: "Classements : score de Borda (première de n options : n points ; dernière : 1).",
    },
    { name: "rang_moyen", type: "number", description: "Classements : rang moyen (1 = première)." },
    { name: "moyenne", type: "number", description: "Échelles : moyenne des valeurs données." },
  ],
};

/** Every dataset, in the catalogue's order. */
export const DATASETS: readonly DatasetDefinition[] = [
  PETITIONS,
  BUDGET_CAMPAIGNS,
  BUDGET_PROJECTS,
  REPORTS,
  ORGANISATIONS,
  RELATIONS,
  PLACES,
  INITIATIVES,
  CONSULTATIONS,
  CONSULTATION_RESULTS,
];

export function datasetById(id: string): DatasetDefinition | undefined {
  return DATASETS.find((dataset) => dataset.id === id);
}

/** The Frictionless Table Schema of a dataset. */
export function tableSchema(dataset: DatasetDefinition) {
  return {
    fields: dataset.fields.map((field) => ({
      name: field.name,
      type: field.type,
      description: field.description,
      ...(field.required || field.enum
        ? {
            constraints: {
              ...(field.required ? { required: true } : {}),
              ...(field.enum ? { enum: [...field.enum] } : {}),
            },
          }
        : {}),
    })),
    primaryKey: [...dataset.primaryKey],
    missingValues: [""],
  };
}
