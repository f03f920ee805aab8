// The seeded people of the MonStrasbourg.eu simulator: one data module, nothing else here but data and the
// small pure helpers that read it. Every identity is fictitious; e-mail addresses use the reserved example.org
// domain. The uuids are stable across restarts and have Authentic2's shape (32 lower-case hex digits, no dashes):
// Authentic2 stores `User.uuid` that way, it is the OIDC `sub` (uuid identifier policy) and the Publik NameID.

/** One account of the simulated Publik/Authentic2 directory. */
export interface Persona {
  /** Short name used with `login_hint=<key>` and by the admin endpoints and tests. */
  key: string;
  /** Authentic2 user uuid: 32 hex digits. OIDC `sub`, Publik NameID, `/api/users/{uuid}/`. */
  uuid: string;
  /** Authentic2's numeric primary key (shown as `id` by `/api/users/`; never an identifier to rely on). */
  id: number;
  /** What this persona is for, shown on the login chooser. */
  description: string;
  username: string | null;
  title: "Madame" | "Monsieur" | null;
  firstName: string;
  lastName: string;
  email: string;
  emailVerified: boolean;
  phone: string | null;
  /** ISO date `YYYY-MM-DD`. */
  birthdate: string | null;
  address: { street: string; zipcode: string; city: string; country: string } | null;
  /** Residence inside one of the 33 communes of the Eurométropole, as verified by the city (simulator choice). */
  eurometropoleResident: boolean;
  /** Signed the city's participation pact (claim `accord_placit`, "true"/"false" as Publik does). */
  accordPlacit: boolean;
  /** Agreed to appear in public listings of participants (claim `accord_placit_listing`). */
  accordPlacitListing: boolean;
  /** Publik role slugs (see ROLE_CATALOGUE). */
  roles: string[];
  /** City department of a staff member (claim `service`), null for citizens. */
  service: string | null;
  /** Authentic2 organisational unit slug. */
  ou: string;
  /** ISO 8601 with offset, as Authentic2's API renders datetimes. */
  dateJoined: string;
  lastLogin: string | null;
  /** Demo submissions returned by the w.c.s. `api/user/forms` endpoint. */
  forms: DemoForm[];
}

/** A form submitted (or drafted) on the city's e-démarches portal (w.c.s.). */
export interface DemoForm {
  formdefSlug: string;
  formdefName: string;
  categorySlug: string;
  categoryTitle: string;
  /** Submission number inside its form definition. */
  number: number;
  /** Numeric id of the form definition (the `42` of `42-17`). */
  formdefId: number;
  status: string;
  statusId: string;
  /** The status is final (closed request). */
  statusEndpoint: boolean;
  draft: boolean;
  /** Local time `YYYY-MM-DD HH:mm:ss` (Europe/Paris), the way w.c.s. lists them. */
  receiptTime: string;
  lastUpdateTime: string;
  fields: Record<string, string>;
}

/** Publik roles known to the simulator: slug → role uuid and label (as `/api/users/{uuid}/` lists them). */
export const ROLE_CATALOGUE: Readonly<Record<string, { uuid: string; name: string }>> = {
  "parvis-staff": { uuid: "0b1f6c6e8b0e4a5c9a3f2d7e4c1a9b01", name: "Parvis — Agents" },
  "parvis-moderator": { uuid: "0b1f6c6e8b0e4a5c9a3f2d7e4c1a9b02", name: "Parvis — Modération" },
  "parvis-dpo": { uuid: "0b1f6c6e8b0e4a5c9a3f2d7e4c1a9b03", name: "Parvis — Protection des données" },
  "parvis-admin": { uuid: "0b1f6c6e8b0e4a5c9a3f2d7e4c1a9b04", name: "Parvis — Administration" },
};

const STRASBOURG = { zipcode: "67000", city: "Strasbourg", country: "FR" } as const;

export const DEFAULT_PERSONAS: readonly Persona[] = [
  {
    key: "resident",
    uuid: "52e3955aa90f4e379dfa3c802b35f43b",
    id: 1001,
    description: "Habitante vérifiée de l'Eurométropole, a signé le pacte de participation",
    username: "camille.muller",
    title: "Madame",
    firstName: "Camille",
    lastName: "Muller",
    email: "camille.muller@example.org",
    emailVerified: true,
    phone: "+33600000001",
    birthdate: "1987-05-14",
    address: { street: "12 rue de Lunéville", zipcode: "67100", city: "Strasbourg", country: "FR" },
    eurometropoleResident: true,
    accordPlacit: true,
    accordPlacitListing: true,
    roles: [],
    service: null,
    ou: "default",
    dateJoined: "2021-03-08T09:12:44.000000+01:00",
    lastLogin: "2025-01-20T18:03:10.000000+01:00",
    forms: [
      {
        formdefSlug: "signalement-espace-public",
        formdefName: "Signalement sur l'espace public",
        categorySlug: "espace-public",
        categoryTitle: "Espace public",
        formdefId: 42,
        number: 17,
        status: "En cours de traitement",
        statusId: "2",
        statusEndpoint: false,
        draft: false,
        receiptTime: "2025-01-12 10:15:00",
        lastUpdateTime: "2025-01-14 08:30:00",
        fields: { objet: "Nid-de-poule", localisation: "Rue de Lunéville, Neudorf" },
      },
      {
        formdefSlug: "carte-stationnement-resident",
        formdefName: "Carte de stationnement résident",
        categorySlug: "deplacements",
        categoryTitle: "Déplacements",
        formdefId: 7,
        number: 311,
        status: "Terminé",
        statusId: "finished",
        statusEndpoint: true,
        draft: false,
        receiptTime: "2024-09-02 14:40:12",
        lastUpdateTime: "2024-09-09 11:02:51",
        fields: { immatriculation: "XX-000-XX", zone: "Neudorf" },
      },
      {
        formdefSlug: "inscription-conseil-de-quartier",
        formdefName: "Inscription au conseil de quartier",
        categorySlug: "participation",
        categoryTitle: "Participation citoyenne",
        formdefId: 55,
        number: 3,
        status: "Brouillon",
        statusId: "draft",
        statusEndpoint: false,
        draft: true,
        receiptTime: "2025-01-19 21:05:33",
        lastUpdateTime: "2025-01-19 21:07:02",
        fields: { quartier: "Neudorf – Schluthfeld – Port du Rhin – Musau" },
      },
    ],
  },
  {
    key: "visitor",
    uuid: "354aebe778344ae0bb5eff8e4429ae17",
    id: 1002,
    description: "Visiteur : compte non vérifié, hors Eurométropole, sans pacte de participation",
    username: null,
    title: null,
    firstName: "Lucas",
    lastName: "Bernard",
    email: "lucas.bernard@example.org",
    emailVerified: false,
    phone: null,
    birthdate: null,
    address: null,
    eurometropoleResident: false,
    accordPlacit: false,
    accordPlacitListing: false,
    roles: [],
    service: null,
    ou: "default",
    dateJoined: "2025-01-18T16:45:02.000000+01:00",
    lastLogin: null,
    forms: [
      {
        formdefSlug: "contact-mairie",
        formdefName: "Contacter la mairie",
        categorySlug: "contact",
        categoryTitle: "Contact",
        formdefId: 3,
        number: 980,
        status: "Brouillon",
        statusId: "draft",
        statusEndpoint: false,
        draft: true,
        receiptTime: "2025-01-18 16:50:00",
        lastUpdateTime: "2025-01-18 16:51:10",
        fields: { objet: "Question sur les horaires" },
      },
    ],
  },
  {
    key: "agent",
    uuid: "a60887c2dcdb4de9a9103493c96c9e5f",
    id: 1003,
    description: "Agente de la DMEPN (habite Kehl : hors Eurométropole, sans pacte)",
    username: "sophie.schmitt",
    title: "Madame",
    firstName: "Sophie",
    lastName: "Schmitt",
    email: "sophie.schmitt@example.org",
    emailVerified: true,
    phone: null,
    birthdate: "1979-11-02",
    address: { street: "5 Hauptstraße", zipcode: "77694", city: "Kehl", country: "DE" },
    eurometropoleResident: false,
    accordPlacit: false,
    accordPlacitListing: false,
    roles: ["parvis-staff"],
    service: "DMEPN",
    ou: "default",
    dateJoined: "2019-06-03T08:00:00.000000+02:00",
    lastLogin: "2025-01-21T08:31:00.000000+01:00",
    forms: [],
  },
  {
    key: "moderator",
    uuid: "5964b04984024ab6a88e29aa28fa5424",
    id: 1004,
    description: "Modérateur (agent de la DMEPN), habitant, a signé le pacte",
    username: "thomas.weber",
    title: "Monsieur",
    firstName: "Thomas",
    lastName: "Weber",
    email: "thomas.weber@example.org",
    emailVerified: true,
    phone: null,
    birthdate: "1992-02-29",
    address: { street: "3 rue du Jeu-des-Enfants", ...STRASBOURG },
    eurometropoleResident: true,
    accordPlacit: true,
    accordPlacitListing: false,
    roles: ["parvis-staff", "parvis-moderator"],
    service: "DMEPN",
    ou: "default",
    dateJoined: "2020-01-15T10:20:30.000000+01:00",
    lastLogin: "2025-01-21T09:00:00.000000+01:00",
    forms: [],
  },
  {
    key: "dpo",
    uuid: "e0fb858d4f0946859429df036e4f8d2f",
    id: 1005,
    description: "Déléguée à la protection des données (DPO), habitante, sans pacte",
    username: "nathalie.klein",
    title: "Madame",
    firstName: "Nathalie",
    lastName: "Klein",
    email: "nathalie.klein@example.org",
    emailVerified: true,
    phone: null,
    birthdate: "1970-08-21",
    address: { street: "8 rue de la Course", ...STRASBOURG },
    eurometropoleResident: true,
    accordPlacit: false,
    accordPlacitListing: false,
    roles: ["parvis-staff", "parvis-dpo"],
    service: "DMEPN",
    ou: "default",
    dateJoined: "2018-04-09T09:00:00.000000+02:00",
    lastLogin: "2025-01-17T14:12:00.000000+01:00",
    forms: [],
  },
  {
    key: "admin",
    uuid: "e91cda3c9c374f288ef35ed997c218fe",
    id: 1006,
    description: "Administrateur de la plateforme (agent de la DMEPN), habitant, a signé le pacte",
    username: "julien.meyer",
    title: "Monsieur",
    firstName: "Julien",
    lastName: "Meyer",
    email: "julien.meyer@example.org",
    emailVerified: true,
    phone: null,
    birthdate: "1984-12-03",
    address: { street: "21 route d'Oberhausbergen", zipcode: "67200", city: "Strasbourg", country: "FR" },
    eurometropoleResident: true,
    accordPlacit: true,
    accordPlacitListing: true,
    roles: ["parvis-staff", "parvis-admin"],
    service: "DMEPN",
    ou: "default",
    dateJoined: "2017-09-01T08:45:00.000000+02:00",
    lastLogin: "2025-01-21T07:58:00.000000+01:00",
    forms: [],
  },
];

/** Age bands used by the `age_band` claim (computed from `birthdate` when a token is issued). */
export const AGE_BANDS = ["under-16", "16-17", "18-24", "25-34", "35-49", "50-64", "65-plus"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageOn(birthdate: string, now: Date): number {
  const [year, month, day] = birthdate.split("-").map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - year;
  const beforeBirthday =
    now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

export function ageBand(birthdate: string | null, now: Date): AgeBand | null {
  if (!birthdate) return null;
  const age = ageOn(birthdate, now);
  if (age < 16) return "under-16";
  if (age < 18) return "16-17";
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 50) return "35-49";
  if (age < 65) return "50-64";
  return "65-plus";
}

/** Finds a persona by key, uuid, username or e-mail (what `login_hint` accepts). */
export function findPersona(personas: Iterable<Persona>, hint: string): Persona | undefined {
  const wanted = hint.trim().toLowerCase();
  for (const persona of personas) {
    if (
      persona.key === wanted ||
      persona.uuid === wanted ||
      persona.username?.toLowerCase() === wanted ||
      persona.email.toLowerCase() === wanted
    ) {
      return persona;
    }
  }
  return undefined;
}
