// Demo participation: two city projects — the place du Marché's redevelopment with its timeline and an open
// consultation with a questionnaire, and the Krutenau's cycle route without one — created through the domain
// commands, as staff would through the API. Dates are relative to the day of seeding, so that the consultation is
// open when the demo starts. Quartiers are read from the directory's demo data already seeded (a seed script, not
// the running service). Idempotent: nothing is added when the first demo project already exists.
import { ANONYMOUS, type Caller } from "../../platform/caller.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Logger } from "../../platform/logger.ts";
import { sqlParticipationStore } from "./adapters/sqlParticipationStore.ts";
import { createConsultation } from "./domain/createConsultation.ts";
import { createProject } from "./domain/createProject.ts";
import { isProblem } from "./domain/problems.ts";

const DAY = 86_400_000;

/** The first demo project's title: its presence means the demo participation is there already. */
export const DEMO_PROJECT_TITLE = "Réaménagement de la place du Marché-Neuf";
export const DEMO_CONSULTATION_TITLE = "Quelle place du Marché-Neuf voulez-vous ?";

/** Seeding is the city's own doing: a staff caller without an account (no author is recorded). */
const SEEDER: Caller = Object.freeze({ ...ANONYMOUS, kind: "staff", roles: ["staff"] }) as Caller;

export async function seedParticipation(db: Database, log: Logger): Promise<void> {
  const [existing] = await db.query<{ id: string }>(
    "SELECT id FROM participation.project WHERE title = $1 LIMIT 1",
    [DEMO_PROJECT_TITLE],
  );
  if (existing) return;
  const quartiers = new Map(
    (
      await db.query<{ id: string; slug: string }>(
        "SELECT id, slug FROM directory.quartier WHERE slug IN ('centre', 'bourse-esplanade-krutenau')",
      )
    ).map((row) => [row.slug, row.id]),
  );
  const now = new Date();
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const ctx = { store: sqlParticipationStore(db), caller: SEEDER, now };

  const place = await createProject(
    {
      title: DEMO_PROJECT_TITLE,
      summary:
        "Une place plus verte, plus calme et plus sûre pour les piétons, avec le marché du mercredi et du samedi.",
      body:
        "La Ville réaménage la place en trois temps : un diagnostic avec les riverains et les commerçants, une " +
        "concertation sur les aménagements proposés, puis les travaux, par tranches pour que le marché continue.",
      budget: "2,4 M€ TTC",
      label: "Strasbourg ça pousse",
      duration: "18 mois",
      partners: ["Eurométropole de Strasbourg", "Compagnie des transports strasbourgeois"],
      contact: "participation@strasbourg.eu",
      responsibleService: "Direction de l'urbanisme",
      places: [{ name: "Place du Marché-Neuf", lat: 48.5823, lon: 7.7466 }],
      quartierIds: [quartiers.get("centre")].filter((id): id is string => id !== undefined),
      timeline: [
        {
          title: "Diagnostic",
          description: "Balades urbaines et entretiens.",
          startsAt: at(-60),
          endsAt: at(-20),
        },
        {
          title: "Concertation",
          description: "Questionnaire en ligne et atelier public.",
          startsAt: at(-2),
          endsAt: at(28),
        },
        { title: "Travaux", description: "Par tranches, le marché reste ouvert.", startsAt: at(120) },
      ],
    },
    ctx,
  );
  if (isProblem(place)) throw new Error(`demo project not created: ${place.message}`);

  const consultation = await createConsultation(
    {
      projectId: place.project.id,
      kind: "concertation",
      title: DEMO_CONSULTATION_TITLE,
      summary: "Donnez votre avis sur les aménagements proposés : arbres, bancs, fontaine, terrasses.",
      body: "Le questionnaire prend cinq minutes. Un atelier public a lieu à la médiathèque pour en parler.",
      participationStartsAt: at(-2),
      participationEndsAt: at(28),
      eligibility: { requireResident: true },
      meetings: [
        {
          title: "Atelier public à la médiathèque Malraux",
          startsAt: at(7),
          endsAt: new Date(at(7).getTime() + 2 * 3_600_000),
          address: "1 presqu'île André-Malraux, Strasbourg",
          lat: 48.5779,
          lon: 7.7612,
        },
      ],
      documents: [
        { title: "Dossier de concertation", url: "https://www.strasbourg.eu/documents/marche-neuf.pdf" },
      ],
      questionnaire: [
        {
          kind: "single_choice",
          label: "Fréquentez-vous la place ?",
          options: ["Souvent", "Parfois", "Jamais"],
        },
        {
          kind: "multiple_choice",
          label: "Qu'y faites-vous ?",
          options: ["Le marché", "Une promenade", "Une terrasse", "Jouer avec les enfants"],
          maxChoices: 2,
          showIf: { questionIndex: 0, optionIndexes: [0, 1] },
        },
        {
          kind: "ranking",
          label: "Classez les priorités",
          options: ["Des arbres", "Des bancs", "Une fontaine"],
        },
        { kind: "scale", label: "Votre satisfaction aujourd'hui", scaleMin: 1, scaleMax: 5 },
        { kind: "long_text", label: "Vos idées pour la place", required: false },
      ],
    },
    ctx,
  );
  if (isProblem(consultation)) throw new Error(`demo consultation not created: ${consultation.message}`);

  const cycleRoute = await createProject(
    {
      title: "Une piste cyclable continue quai des Bateliers",
      summary: "Relier la Krutenau au centre par une piste protégée, sans interruption.",
      budget: "650 k€ TTC",
      duration: "6 mois",
      responsibleService: "Direction de la mobilité",
      places: [{ name: "Quai des Bateliers", lat: 48.5804, lon: 7.7536 }],
      quartierIds: [quartiers.get("bourse-esplanade-krutenau")].filter(
        (id): id is string => id !== undefined,
      ),
    },
    ctx,
  );
  if (isProblem(cycleRoute)) throw new Error(`demo project not created: ${cycleRoute.message}`);
  log.info({ projects: 2, consultations: 1 }, "demo participation seeded");
}
