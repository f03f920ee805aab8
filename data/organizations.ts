// Données de démonstration du répertoire : organisations (institutions, instances de démocratie locale,
// associations, services partenaires), relations typées et datées entre elles, quelques lieux créés dans Parvis
// (les autres viennent de Strasbourg.eu) et des initiatives citoyennes. Les institutions sont réelles ; les
// associations de quartier, les lieux « parvis » et les initiatives sont vraisemblables mais fictifs.
// Le seed retrouve chaque ligne par sa clé naturelle (slug, clé de lieu, titre) : relancé, il ne duplique rien.
import { QUARTIERS } from "./directory.ts";

export type OrganizationKind = "association" | "institution" | "local_democracy_body" | "partner_service";
export type RelationType = "member_of" | "partner_of" | "attached_to" | "funded_by" | "convened_by";

export interface OrganizationSeed {
  slug: string;
  kind: OrganizationKind;
  category: string;
  name: string;
  acronym?: string;
  description: string;
  website?: string;
  email?: string;
  phone?: string;
  address?: string;
  quartierSlug?: string;
  communeInseeCode?: string;
}

export interface RelationSeed {
  from: string;
  type: RelationType;
  to: string;
  validFrom?: string;
  validUntil?: string;
  note?: string;
}

export interface PlaceSeed {
  /** Natural key (stored as the source id of a place created in Parvis). */
  key: string;
  name: string;
  kind: "equipment" | "meeting_place" | "third_place" | "park" | "other";
  description: string;
  address: string;
  zipCode: string;
  city: string;
  lat: number;
  lon: number;
  /** Opening information in the shape of domain/opening.ts. */
  opening?: unknown;
}

export interface InitiativeSeed {
  title: string;
  description: string;
  organizer: string;
  placeKey?: string;
  lat?: number;
  lon?: number;
  /** Days from the seeding day, at 14:00 UTC. */
  startsInDays: number;
  durationHours: number;
  volunteersNeeded?: number;
  volunteerCall?: string;
}

const STRASBOURG = "67482";

/** One neighbourhood council per quartier of Strasbourg, convened by the City. */
const NEIGHBOURHOOD_COUNCILS: OrganizationSeed[] = QUARTIERS.map((quartier) => ({
  slug: `conseil-de-quartier-${quartier.slug}`,
  kind: "local_democracy_body",
  category: "neighbourhood_council",
  name: `Conseil de quartier ${quartier.name}`,
  description:
    "Instance de démocratie locale réunissant habitants, associations et acteurs du quartier, tirés au sort " +
    "ou volontaires, pour débattre des projets du quartier et porter des propositions auprès de la Ville.",
  email: `cdq.${quartier.slug.split("-")[0]}@strasbourg.eu`,
  quartierSlug: quartier.slug,
  communeInseeCode: STRASBOURG,
}));

export const ORGANIZATIONS: readonly OrganizationSeed[] = [
  {
    slug: "ville-de-strasbourg",
    kind: "institution",
    category: "city",
    name: "Ville de Strasbourg",
    description: "La commune de Strasbourg, son conseil municipal et ses services.",
    website: "https://www.strasbourg.eu",
    phone: "03 68 98 50 00",
    address: "1 parc de l'Étoile, 67076 Strasbourg Cedex",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "eurometropole-de-strasbourg",
    kind: "institution",
    category: "metropolis",
    name: "Eurométropole de Strasbourg",
    acronym: "EMS",
    description: "L'intercommunalité des 33 communes : mobilité, espaces publics, déchets, eau, habitat.",
    website: "https://www.strasbourg.eu",
    phone: "03 68 98 50 00",
    address: "1 parc de l'Étoile, 67076 Strasbourg Cedex",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "mission-participation-citoyenne",
    kind: "institution",
    category: "city_service",
    name: "Mission participation citoyenne",
    acronym: "MPC",
    description:
      "Le service de la Ville qui anime les conseils de quartier, les pétitions et le budget participatif.",
    email: "participation@strasbourg.eu",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "direction-de-territoire-neudorf",
    kind: "institution",
    category: "city_service",
    name: "Direction de territoire Neudorf – Schluthfeld – Port du Rhin – Musau",
    description: "Les services de proximité de la Ville pour le quartier, dont la mairie de quartier.",
    address: "1 place du Marché, 67100 Strasbourg",
    quartierSlug: "neudorf-schluthfeld-port-du-rhin-musau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "direction-de-territoire-meinau-neuhof",
    kind: "institution",
    category: "city_service",
    name: "Direction de territoire Meinau – Neuhof",
    description: "Les services de proximité de la Ville pour la Meinau et le Neuhof.",
    quartierSlug: "meinau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "caf-du-bas-rhin",
    kind: "institution",
    category: "public_body",
    name: "Caisse d'allocations familiales du Bas-Rhin",
    acronym: "CAF",
    description: "Finance les centres socioculturels et les projets d'animation de la vie sociale.",
    website: "https://www.caf.fr",
  },
  {
    slug: "conseil-des-residents-etrangers",
    kind: "local_democracy_body",
    category: "citizen_council",
    name: "Conseil des résidents étrangers",
    description: "Donne la parole aux habitants de nationalité étrangère sur les politiques de la Ville.",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "conseil-des-aines",
    kind: "local_democracy_body",
    category: "citizen_council",
    name: "Conseil des Aînés",
    description: "Instance consultative des habitants de plus de 60 ans.",
    communeInseeCode: STRASBOURG,
  },
  ...NEIGHBOURHOOD_COUNCILS,
  {
    slug: "csc-neudorf",
    kind: "association",
    category: "social_centre",
    name: "Centre socioculturel du Neudorf",
    description: "Accueil de loisirs, accompagnement scolaire, ateliers pour tous les âges.",
    email: "accueil@csc-neudorf.example",
    phone: "03 88 00 00 01",
    address: "42 rue du Neufeld, 67100 Strasbourg",
    quartierSlug: "neudorf-schluthfeld-port-du-rhin-musau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "habitants-du-neudorf",
    kind: "association",
    category: "residents_association",
    name: "Association des habitants du Neudorf",
    description:
      "Fait vivre le quartier : fête de la rue, vide-greniers, veille sur les projets d'urbanisme.",
    email: "contact@habitants-neudorf.example",
    quartierSlug: "neudorf-schluthfeld-port-du-rhin-musau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "jardins-partages-musau",
    kind: "association",
    category: "environment",
    name: "Les Jardins partagés de la Musau",
    description:
      "Cultive une vingtaine de parcelles partagées et organise des chantiers de nettoyage des berges.",
    quartierSlug: "neudorf-schluthfeld-port-du-rhin-musau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "velo-solidaire-port-du-rhin",
    kind: "association",
    category: "mobility",
    name: "Atelier vélo solidaire du Port du Rhin",
    description: "Atelier participatif de réparation de vélos, récupération et remise en état.",
    quartierSlug: "neudorf-schluthfeld-port-du-rhin-musau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "csc-meinau",
    kind: "association",
    category: "social_centre",
    name: "Centre socioculturel de la Meinau",
    description: "Animation de la vie sociale, jeunesse, familles.",
    quartierSlug: "meinau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "locataires-du-neuhof",
    kind: "association",
    category: "residents_association",
    name: "Amicale des locataires du Neuhof",
    description: "Représente les locataires auprès des bailleurs et organise la fête de la soupe.",
    quartierSlug: "neuhof-stockfeld-ganzau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "repair-cafe-krutenau",
    kind: "association",
    category: "circular_economy",
    name: "Repair Café Krutenau",
    description:
      "Un samedi par mois, des bénévoles aident à réparer petit électroménager, textiles et jouets.",
    quartierSlug: "bourse-esplanade-krutenau",
    communeInseeCode: STRASBOURG,
  },
  {
    slug: "banque-alimentaire-bas-rhin",
    kind: "association",
    category: "solidarity",
    name: "Banque alimentaire du Bas-Rhin",
    description: "Collecte et redistribue des denrées aux associations d'aide alimentaire.",
    website: "https://ba67.banquealimentaire.org",
  },
  {
    slug: "cts",
    kind: "partner_service",
    category: "public_transport",
    name: "Compagnie des transports strasbourgeois",
    acronym: "CTS",
    description: "Exploite le réseau de tram et de bus de l'Eurométropole.",
    website: "https://www.cts-strasbourg.eu",
  },
  {
    slug: "ophea",
    kind: "partner_service",
    category: "social_housing",
    name: "Ophéa",
    description: "Bailleur social de l'Eurométropole.",
    website: "https://www.ophea.fr",
  },
];

export const RELATIONS: readonly RelationSeed[] = [
  {
    from: "ville-de-strasbourg",
    type: "member_of",
    to: "eurometropole-de-strasbourg",
    validFrom: "2015-01-01",
  },
  { from: "mission-participation-citoyenne", type: "attached_to", to: "ville-de-strasbourg" },
  { from: "direction-de-territoire-neudorf", type: "attached_to", to: "ville-de-strasbourg" },
  { from: "direction-de-territoire-meinau-neuhof", type: "attached_to", to: "ville-de-strasbourg" },
  ...NEIGHBOURHOOD_COUNCILS.map(
    (council): RelationSeed => ({
      from: council.slug,
      type: "convened_by",
      to: "ville-de-strasbourg",
      validFrom: "2020-10-01",
      note: "Conseils renouvelés après les élections municipales de 2020.",
    }),
  ),
  {
    from: "conseil-de-quartier-neudorf-schluthfeld-port-du-rhin-musau",
    type: "attached_to",
    to: "direction-de-territoire-neudorf",
    validFrom: "2020-10-01",
  },
  { from: "conseil-de-quartier-meinau", type: "attached_to", to: "direction-de-territoire-meinau-neuhof" },
  {
    from: "conseil-de-quartier-neuhof-stockfeld-ganzau",
    type: "attached_to",
    to: "direction-de-territoire-meinau-neuhof",
  },
  {
    from: "conseil-des-residents-etrangers",
    type: "convened_by",
    to: "ville-de-strasbourg",
    validFrom: "2021-03-01",
  },
  { from: "conseil-des-aines", type: "convened_by", to: "ville-de-strasbourg", validFrom: "2021-03-01" },
  {
    from: "csc-neudorf",
    type: "member_of",
    to: "conseil-de-quartier-neudorf-schluthfeld-port-du-rhin-musau",
    validFrom: "2021-01-15",
    note: "Collège des acteurs associatifs.",
  },
  {
    from: "habitants-du-neudorf",
    type: "member_of",
    to: "conseil-de-quartier-neudorf-schluthfeld-port-du-rhin-musau",
    validFrom: "2021-01-15",
  },
  {
    from: "jardins-partages-musau",
    type: "member_of",
    to: "conseil-de-quartier-neudorf-schluthfeld-port-du-rhin-musau",
    validFrom: "2022-09-01",
  },
  { from: "csc-neudorf", type: "funded_by", to: "caf-du-bas-rhin", validFrom: "2019-01-01" },
  { from: "csc-neudorf", type: "funded_by", to: "ville-de-strasbourg", validFrom: "2019-01-01" },
  {
    from: "jardins-partages-musau",
    type: "funded_by",
    to: "ville-de-strasbourg",
    validFrom: "2023-01-01",
    validUntil: "2023-12-31",
    note: "Subvention de lancement, non renouvelée.",
  },
  {
    from: "jardins-partages-musau",
    type: "funded_by",
    to: "eurometropole-de-strasbourg",
    validFrom: "2024-01-01",
  },
  { from: "velo-solidaire-port-du-rhin", type: "partner_of", to: "csc-neudorf", validFrom: "2022-04-01" },
  { from: "cts", type: "partner_of", to: "eurometropole-de-strasbourg" },
  { from: "ophea", type: "partner_of", to: "csc-meinau", validFrom: "2020-01-01" },
  { from: "csc-meinau", type: "member_of", to: "conseil-de-quartier-meinau", validFrom: "2021-01-15" },
  { from: "csc-meinau", type: "funded_by", to: "caf-du-bas-rhin", validFrom: "2019-01-01" },
  {
    from: "locataires-du-neuhof",
    type: "member_of",
    to: "conseil-de-quartier-neuhof-stockfeld-ganzau",
    validFrom: "2021-01-15",
  },
  {
    from: "repair-cafe-krutenau",
    type: "member_of",
    to: "conseil-de-quartier-bourse-esplanade-krutenau",
    validFrom: "2021-01-15",
  },
  { from: "banque-alimentaire-bas-rhin", type: "partner_of", to: "csc-meinau", validFrom: "2020-06-01" },
];

const WEEKDAYS_AFTERNOON = {
  periods: [
    {
      name: "Toute l'année",
      startDate: null,
      endDate: null,
      alwaysOpen: false,
      schedules: [0, 1, 2, 3, 4].map((dayOfWeek) => ({ dayOfWeek, startHour: "14:00", endHour: "19:00" })),
    },
  ],
  exceptions: [],
};

export const PLACES: readonly PlaceSeed[] = [
  {
    key: "fabrique-du-neudorf",
    name: "La Fabrique du Neudorf",
    kind: "third_place",
    description: "Tiers-lieu associatif : atelier partagé, café, salle de réunion prêtée aux associations.",
    address: "12 rue de Lunéville",
    zipCode: "67100",
    city: "Strasbourg",
    lat: 48.5684,
    lon: 7.7628,
    opening: WEEKDAYS_AFTERNOON,
  },
  {
    key: "maison-de-quartier-schluthfeld",
    name: "Maison de quartier du Schluthfeld",
    kind: "meeting_place",
    description: "Salle de réunion du conseil de quartier et des associations du Schluthfeld.",
    address: "3 rue du Schluthfeld",
    zipCode: "67100",
    city: "Strasbourg",
    lat: 48.5628,
    lon: 7.7561,
  },
  {
    key: "jardin-partage-musau",
    name: "Jardin partagé de la Musau",
    kind: "park",
    description: "Parcelles cultivées collectivement au bord de l'Ill.",
    address: "rue de la Musau",
    zipCode: "67100",
    city: "Strasbourg",
    lat: 48.5612,
    lon: 7.7712,
    opening: {
      periods: [
        { name: "Saison", startDate: "2026-03-01", endDate: "2026-10-31", alwaysOpen: true, schedules: [] },
      ],
      exceptions: [],
    },
  },
  {
    key: "atelier-velo-port-du-rhin",
    name: "Atelier vélo du Port du Rhin",
    kind: "third_place",
    description: "Local de l'atelier vélo solidaire, outils en libre accès pendant les permanences.",
    address: "8 rue du Port du Rhin",
    zipCode: "67100",
    city: "Strasbourg",
    lat: 48.5706,
    lon: 7.7928,
    opening: {
      periods: [
        {
          name: "Permanences",
          startDate: null,
          endDate: null,
          alwaysOpen: false,
          schedules: [
            { dayOfWeek: 2, startHour: "17:00", endHour: "20:00" },
            { dayOfWeek: 5, startHour: "10:00", endHour: "13:00" },
          ],
        },
      ],
      exceptions: [],
    },
  },
  {
    key: "salle-polyvalente-meinau",
    name: "Salle polyvalente de la Meinau",
    kind: "meeting_place",
    description: "Salle municipale prêtée aux associations du quartier.",
    address: "5 rue de Provence",
    zipCode: "67100",
    city: "Strasbourg",
    lat: 48.5507,
    lon: 7.7474,
  },
];

export const INITIATIVES: readonly InitiativeSeed[] = [
  {
    title: "Nettoyage des berges de l'Ill à la Musau",
    description: "Une matinée pour ramasser les déchets le long des berges, gants et sacs fournis.",
    organizer: "jardins-partages-musau",
    placeKey: "jardin-partage-musau",
    startsInDays: 10,
    durationHours: 3,
    volunteersNeeded: 15,
    volunteerCall: "Nous cherchons 15 bénévoles pour le ramassage et le tri.",
  },
  {
    title: "Atelier de réparation de vélos",
    description:
      "Apprenez à régler vos freins et à changer une chambre à air, avec les bénévoles de l'atelier.",
    organizer: "velo-solidaire-port-du-rhin",
    placeKey: "atelier-velo-port-du-rhin",
    startsInDays: 5,
    durationHours: 3,
  },
  {
    title: "Fête de la soupe du Neuhof",
    description: "Chaque association prépare une soupe, les habitants votent pour leur préférée.",
    organizer: "locataires-du-neuhof",
    lat: 48.5431,
    lon: 7.7689,
    startsInDays: 20,
    durationHours: 5,
    volunteersNeeded: 8,
    volunteerCall: "Il nous faut des mains pour éplucher, servir et ranger.",
  },
  {
    title: "Troc de plantes à la Krutenau",
    description: "Apportez boutures et graines, repartez avec celles des autres.",
    organizer: "repair-cafe-krutenau",
    lat: 48.5797,
    lon: 7.7589,
    startsInDays: 14,
    durationHours: 4,
  },
  {
    title: "Collecte solidaire de denrées à la Meinau",
    description: "Collecte de produits secs et d'hygiène au profit des familles du quartier.",
    organizer: "banque-alimentaire-bas-rhin",
    placeKey: "salle-polyvalente-meinau",
    startsInDays: 30,
    durationHours: 8,
    volunteersNeeded: 20,
    volunteerCall: "Accueil des donateurs et tri des denrées, par créneaux de deux heures.",
  },
];
