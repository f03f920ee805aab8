// Demo data of the participatory budget: the 2025 edition, run from submission to implementation (reviews, a
// merged duplicate, 240 ballots in the public ledger, published results, follow-up of the winners), and the 2026
// edition, open for submissions, and a climate edition open for voting (dates relative to the day of seeding). Everything goes through the domain commands — with a clock set to each step's
// date — so the demo obeys the same rules as real use and its results recount from its ledger.
// Idempotent: an edition already present (by title) is left as it is. Demo people are pseudonymous account ids
// derived from fixed labels; they have no MonStrasbourg.eu account.
import { ANONYMOUS, type Caller } from "../../platform/caller.ts";
import { loadConfig } from "../../platform/config.ts";
import type { Database } from "../../platform/db/database.ts";
import { pseudonymousAccountId } from "../../platform/ids.ts";
import type { Logger } from "../../platform/logger.ts";
import { prismaBudgetStore } from "./adapters/prismaBudgetStore.ts";
import { advancePhase } from "./domain/advancePhase.ts";
import { castBallot } from "./domain/castBallot.ts";
import { createCampaign, type EnvelopeInput } from "./domain/createCampaign.ts";
import { followUpProject } from "./domain/followUpProject.ts";
import { mergeProjects } from "./domain/mergeProjects.ts";
import type { Phase, Project, ReviewDecision } from "./domain/model.ts";
import { isProblem, type Problem } from "./domain/problems.ts";
import { reviewProject } from "./domain/reviewProject.ts";
import { submitProject } from "./domain/submitProject.ts";
import type { BudgetStore } from "./ports/budgetStore.ts";

export const DEMO_2025 = "Budget participatif 2025";
export const DEMO_2026 = "Budget participatif 2026";
export const DEMO_VOTING = "Budget participatif climat 2026";
const EUR = 100;
const DAY = 86_400_000;

interface DemoProject {
  key: string;
  title: string;
  description: string;
  quartier: string | null;
  at: [number, number];
  euros: number;
  review: ReviewDecision | "merge" | "inadmissible";
  /** The service's estimate (feasibility), in euros. */
  studied?: number;
}

const PROJECTS_2025: DemoProject[] = [
  {
    key: "velos",
    title: "Stationnements vélos sécurisés près des écoles",
    description: "Des arceaux couverts devant dix écoles élémentaires, pour que les enfants viennent à vélo.",
    quartier: null,
    at: [48.5839, 7.7455],
    euros: 85_000,
    review: "feasible",
    studied: 92_000,
  },
  {
    key: "fontaines",
    title: "Fontaines à boire dans les parcs",
    description:
      "Installer des fontaines d'eau potable dans les parcs de la Citadelle, de l'Orangerie et du Heyritz.",
    quartier: null,
    at: [48.5792, 7.7681],
    euros: 60_000,
    review: "feasible",
    studied: 55_000,
  },
  {
    key: "ombre",
    title: "Îlots de fraîcheur dans les cours d'école",
    description: "Désimperméabiliser et planter des arbres dans trois cours d'école pour l'été.",
    quartier: null,
    at: [48.5731, 7.7521],
    euros: 100_000,
    review: "feasible",
    studied: 98_000,
  },
  {
    key: "bancs",
    title: "Bancs le long des quais",
    description: "Des bancs tous les deux cents mètres le long des quais de l'Ill, pour les personnes âgées.",
    quartier: null,
    at: [48.5812, 7.7395],
    euros: 40_000,
    review: "feasible",
    studied: 45_000,
  },
  {
    key: "tram",
    title: "Une ligne de tram vers Kehl par la Robertsau",
    description: "Prolonger le réseau de tram jusqu'à la Robertsau puis vers Kehl.",
    quartier: null,
    at: [48.6063, 7.7806],
    euros: 95_000,
    review: "not_feasible",
  },
  {
    key: "fontaines-bis",
    title: "Des points d'eau potable dans les parcs",
    description: "Ajouter des points d'eau dans les grands parcs de la ville pour les promeneurs.",
    quartier: null,
    at: [48.5795, 7.7675],
    euros: 50_000,
    review: "merge",
  },
  {
    key: "jardin",
    title: "Jardin partagé du Schluthfeld",
    description:
      "Un jardin partagé avec des bacs accessibles aux personnes en fauteuil, géré par les habitants.",
    quartier: "neudorf-schluthfeld-port-du-rhin-musau",
    at: [48.5701, 7.7602],
    euros: 45_000,
    review: "feasible",
    studied: 48_000,
  },
  {
    key: "aire",
    title: "Aire de jeux de la Musau",
    description: "Rénover l'aire de jeux de la Musau avec des jeux inclusifs.",
    quartier: "neudorf-schluthfeld-port-du-rhin-musau",
    at: [48.5689, 7.7615],
    euros: 80_000,
    review: "feasible",
    studied: 75_000,
  },
  {
    key: "boite",
    title: "Boîte à livres place du Marché",
    description:
      "Une boîte à livres en bois place du Marché de Neudorf, fabriquée par un atelier d'insertion.",
    quartier: "neudorf-schluthfeld-port-du-rhin-musau",
    at: [48.5712, 7.7609],
    euros: 5_000,
    review: "feasible",
    studied: 6_000,
  },
  {
    key: "parking",
    title: "Un parking gratuit de 500 places",
    description: "Construire un parking souterrain gratuit sous la place.",
    quartier: "neudorf-schluthfeld-port-du-rhin-musau",
    at: [48.5705, 7.7598],
    euros: 99_000,
    review: "inadmissible",
  },
  {
    key: "verger",
    title: "Verger partagé de Cronenbourg",
    description: "Planter un verger de variétés alsaciennes anciennes, ouvert à la cueillette.",
    quartier: "cronenbourg",
    at: [48.5957, 7.7196],
    euros: 35_000,
    review: "feasible",
    studied: 38_000,
  },
  {
    key: "city-stade",
    title: "City-stade rue de Hochfelden",
    description: "Un terrain multisports éclairé, ouvert à tous jusqu'à 22 heures.",
    quartier: "cronenbourg",
    at: [48.5949, 7.7211],
    euros: 90_000,
    review: "feasible",
    studied: 96_000,
  },
  {
    key: "fresque",
    title: "Fresque participative sur le mur de l'école",
    description: "Une fresque peinte avec les enfants du quartier et un artiste.",
    quartier: "cronenbourg",
    at: [48.5962, 7.7188],
    euros: 15_000,
    review: "feasible",
    studied: 14_000,
  },
];

const PROJECTS_2026 = [
  { title: "Toilettes publiques accessibles au parc de l'Orangerie", quartier: null, euros: 70_000 },
  { title: "Ruches pédagogiques sur les toits des écoles", quartier: null, euros: 25_000 },
  {
    title: "Piste de skate au Port du Rhin",
    quartier: "neudorf-schluthfeld-port-du-rhin-musau",
    euros: 90_000,
  },
  { title: "Éclairage solaire du chemin de halage", quartier: "cronenbourg", euros: 55_000 },
];

function person(label: string, secret: string, kind: "citizen" | "staff" = "citizen"): Caller {
  return {
    ...ANONYMOUS,
    kind,
    accountId: pseudonymousAccountId(`demo:${label}`, secret),
    roles: kind === "staff" ? ["citizen", "staff"] : ["citizen"],
    staffService: kind === "staff" ? "DMEPN" : null,
    verificationLevel: "resident_verified",
    claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
  };
}

/** A small deterministic generator: the demo ballots are the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function expectSuccess<T extends object>(result: T | Problem | null, what: string): T {
  if (result === null) throw new Error(`budget seed: ${what} failed: not found`);
  if (isProblem(result)) throw new Error(`budget seed: ${what} failed: ${result.message}`);
  return result as T;
}

export async function seedBudget(db: Database, log: Logger): Promise<void> {
  const config = loadConfig();
  const store = prismaBudgetStore(db.prisma, { concurrency: 1 });
  const quartiers = new Map(
    (await db.prisma.quartier.findMany({ select: { id: true, slug: true } })).map((row) => [
      row.slug,
      row.id,
    ]),
  );
  const existing = new Set(
    (
      await db.prisma.budgetCampaign.findMany({
        where: { title: { in: [DEMO_2025, DEMO_2026, DEMO_VOTING] } },
        select: { title: true },
      })
    ).map((row) => row.title),
  );
  const started = performance.now();
  if (!existing.has(DEMO_2025))
    await seed2025(store, quartiers, config.PSEUDONYM_SECRET, config.BUDGET_VOTER_KEY_SECRET);
  if (!existing.has(DEMO_2026)) await seed2026(store, quartiers, config.PSEUDONYM_SECRET);
  if (!existing.has(DEMO_VOTING))
    await seedVoting(store, quartiers, config.PSEUDONYM_SECRET, config.BUDGET_VOTER_KEY_SECRET);
  log.info({ ms: Math.round(performance.now() - started) }, "participatory budget demo data ready");
}

async function seed2025(
  store: BudgetStore,
  quartiers: Map<string, string>,
  secret: string,
  voterKeySecret: string,
) {
  const at = (iso: string) => new Date(iso);
  const quartierExists = async (id: string) => [...quartiers.values()].includes(id);
  const envelopes: EnvelopeInput[] = [
    {
      quartierId: null,
      label: "Toute la ville",
      amountCents: 700_000 * EUR,
      ballotStyle: "approval",
      maxProjects: 3,
      minimumSharePercent: null,
    },
  ];
  for (const [slug, label] of [
    ["neudorf-schluthfeld-port-du-rhin-musau", "Neudorf – Schluthfeld – Port du Rhin – Musau"],
    ["cronenbourg", "Cronenbourg"],
  ] as const) {
    const id = quartiers.get(slug);
    if (id)
      envelopes.push({
        quartierId: id,
        label,
        amountCents: 150_000 * EUR,
        ballotStyle: "knapsack",
        maxProjects: null,
        minimumSharePercent: 30,
      });
  }
  const { campaign } = expectSuccess(
    await createCampaign(
      {
        title: DEMO_2025,
        description:
          "Un million d'euros pour les projets des habitantes et habitants : 700 000 € pour toute la ville, 150 000 € pour chacun de deux quartiers.",
        totalBudgetCents: 1_000_000 * EUR,
        projectCapCents: 100_000 * EUR,
        submissionStartsAt: at("2025-01-06T08:00:00Z"),
        submissionEndsAt: at("2025-03-31T22:00:00Z"),
        votingStartsAt: at("2025-05-05T06:00:00Z"),
        votingEndsAt: at("2025-06-01T22:00:00Z"),
        ballotScope: "campaign",
        ballotChangeable: true,
        requireResident: true,
        requirePact: true,
        minimumAge: 16,
        envelopes,
      },
      { store, now: at("2024-12-15T09:00:00Z"), quartierExists },
    ),
    "campaign 2025",
  );
  const staff = person("agent-mpc", secret, "staff");
  const advance = async (to: Phase, now: string) =>
    expectSuccess(
      await advancePhase(staff, { campaignId: campaign.id, to }, { store, now: at(now) }),
      `phase ${to}`,
    );

  const projects = new Map<string, Project>();
  for (const [index, demo] of PROJECTS_2025.entries()) {
    const quartierId = demo.quartier ? (quartiers.get(demo.quartier) ?? null) : null;
    const { project } = expectSuccess(
      await submitProject(
        person(`author-${index}`, secret),
        {
          campaignId: campaign.id,
          title: demo.title,
          description: demo.description,
          quartierId,
          location: { lat: demo.at[0], lon: demo.at[1] },
          estimatedCostCents: demo.euros * EUR,
          links: [],
        },
        { store, now: new Date(Date.UTC(2025, 0, 10 + index * 5, 10)), quartierExists },
      ),
      `project ${demo.key}`,
    );
    projects.set(demo.key, project);
  }
  const id = (key: string) => (projects.get(key) as Project).id;

  await advance("admissibility", "2025-04-01T08:00:00Z");
  const review = async (
    key: string,
    decision: ReviewDecision,
    justification: string,
    costEuros: number | null,
    now: string,
  ) =>
    expectSuccess(
      await reviewProject(
        staff,
        {
          projectId: id(key),
          decision,
          service: decision === "admissible" || decision === "inadmissible" ? "MPC" : "DMEPN",
          justification,
          costEstimateCents: costEuros === null ? null : costEuros * EUR,
          internalNote: null,
        },
        { store, now: at(now) },
      ),
      `review ${key}`,
    );
  expectSuccess(
    await mergeProjects(
      staff,
      {
        duplicateId: id("fontaines-bis"),
        intoId: id("fontaines"),
        justification: "Même proposition que « Fontaines à boire dans les parcs ».",
      },
      { store, now: at("2025-04-02T09:00:00Z") },
    ),
    "merge",
  );
  for (const demo of PROJECTS_2025) {
    if (demo.review === "merge") continue;
    if (demo.review === "inadmissible") {
      await review(
        demo.key,
        "inadmissible",
        "Hors du cadre du budget participatif (investissement de plus de 100 000 €, compétence d'un autre organisme).",
        null,
        "2025-04-08T10:00:00Z",
      );
    } else {
      await review(
        demo.key,
        "admissible",
        "Conforme au règlement : investissement d'intérêt général sur l'espace public.",
        null,
        "2025-04-08T10:00:00Z",
      );
    }
  }
  await advance("feasibility", "2025-04-10T08:00:00Z");
  for (const demo of PROJECTS_2025) {
    if (demo.review === "feasible") {
      await review(
        demo.key,
        "feasible",
        "Réalisable ; chiffrage du service sur la base des marchés en cours.",
        demo.studied ?? demo.euros,
        "2025-04-25T10:00:00Z",
      );
    }
    if (demo.review === "not_feasible") {
      await review(
        demo.key,
        "not_feasible",
        "Un prolongement de tramway relève de la programmation de l'Eurométropole et dépasse de loin le plafond.",
        null,
        "2025-04-25T10:00:00Z",
      );
    }
  }
  await advance("voting", "2025-05-05T06:00:00Z");

  // 240 residents vote; each picks up to three city projects and, in one quartier, a set of projects that fits.
  const next = random(2025);
  const pick = <T>(items: readonly T[], count: number) => [...items].sort(() => next() - 0.5).slice(0, count);
  const cityProjects = ["velos", "fontaines", "ombre", "bancs"];
  // Quartier envelopes exist only for the quartiers the directory knows; without them, those projects are city-wide.
  const byQuartier = [
    { slug: "neudorf-schluthfeld-port-du-rhin-musau", keys: ["jardin", "aire", "boite"] },
    { slug: "cronenbourg", keys: ["verger", "city-stade", "fresque"] },
  ]
    .filter((group) => quartiers.has(group.slug))
    .map((group) => group.keys);
  for (let voter = 0; voter < 240; voter++) {
    const choice = pick(cityProjects, 1 + Math.floor(next() * 3)).map(id);
    const local = byQuartier[voter % byQuartier.length];
    if (local && next() < 0.8) choice.push(...pick(local, 1 + Math.floor(next() * 2)).map(id));
    const now = new Date(at("2025-05-05T06:00:00Z").getTime() + voter * 2.5 * 3_600_000);
    const cast = await castBallot(
      person(`voter-${voter}`, secret),
      { campaignId: campaign.id, projectIds: choice, idempotencyKey: `demo-2025-${voter}` },
      { store, voterKeySecret, now },
    );
    // Some random choices break an envelope's rules (too much, or too little of it): those voters keep to the city.
    if (isProblem(cast)) {
      expectSuccess(
        await castBallot(
          person(`voter-${voter}`, secret),
          {
            campaignId: campaign.id,
            projectIds: choice.slice(0, 1),
            idempotencyKey: `demo-2025-${voter}-city`,
          },
          { store, voterKeySecret, now },
        ),
        `ballot ${voter}`,
      );
    }
  }
  await advance("results", "2025-06-02T08:00:00Z");
  await advance("implementation", "2025-06-20T08:00:00Z");

  const winners = await store.listProjects(
    { campaignId: campaign.id, statuses: ["selected"] },
    { first: 100, after: undefined },
  );
  for (const [index, project] of winners.rows.entries()) {
    const follow = (input: Partial<Parameters<typeof followUpProject>[1]>, now: string) =>
      followUpProject(
        staff,
        {
          projectId: project.id,
          status: null,
          progressPercent: null,
          finalCostCents: null,
          note: null,
          milestone: null,
          reachedMilestone: null,
          ...input,
        },
        { store, now: at(now) },
      );
    expectSuccess(
      await follow(
        {
          status: "in_progress",
          progressPercent: 20,
          note: "Études et commandes lancées.",
          milestone: { title: "Début des travaux", dueOn: at("2025-09-15"), reachedOn: null },
        },
        "2025-07-01T08:00:00Z",
      ),
      "follow-up",
    );
    if (index % 3 === 0) {
      expectSuccess(
        await follow(
          {
            status: "completed",
            finalCostCents: Math.round((project.reviewedCostCents ?? project.estimatedCostCents) * 0.97),
            note: "Projet réalisé et inauguré.",
          },
          "2025-11-05T08:00:00Z",
        ),
        "completion",
      );
    } else if (index % 3 === 1) {
      expectSuccess(
        await follow({ progressPercent: 60, note: "Travaux en cours." }, "2025-10-10T08:00:00Z"),
        "progress",
      );
    }
  }
}

async function seed2026(store: BudgetStore, quartiers: Map<string, string>, secret: string) {
  const now = Date.now();
  const quartierExists = async (id: string) => [...quartiers.values()].includes(id);
  const { campaign } = expectSuccess(
    await createCampaign(
      {
        title: DEMO_2026,
        description:
          "Proposez vos projets pour la ville et pour votre quartier : 1 000 000 € au total, 100 000 € au plus par projet.",
        totalBudgetCents: 1_000_000 * EUR,
        projectCapCents: 100_000 * EUR,
        submissionStartsAt: new Date(now - 30 * DAY),
        submissionEndsAt: new Date(now + 45 * DAY),
        votingStartsAt: new Date(now + 75 * DAY),
        votingEndsAt: new Date(now + 105 * DAY),
        ballotScope: "campaign",
        ballotChangeable: true,
        requireResident: true,
        requirePact: true,
        minimumAge: 16,
        envelopes: [
          {
            quartierId: null,
            label: "Toute la ville",
            amountCents: 1_000_000 * EUR,
            ballotStyle: "knapsack",
            maxProjects: null,
            minimumSharePercent: null,
          },
        ],
      },
      { store, now: new Date(now - 40 * DAY), quartierExists },
    ),
    "campaign 2026",
  );
  for (const [index, demo] of PROJECTS_2026.entries()) {
    expectSuccess(
      await submitProject(
        person(`author-2026-${index}`, secret),
        {
          campaignId: campaign.id,
          title: demo.title,
          description: `${demo.title} : proposition d'un habitant, à examiner par la mission participation citoyenne.`,
          quartierId: demo.quartier ? (quartiers.get(demo.quartier) ?? null) : null,
          location: null,
          estimatedCostCents: demo.euros * EUR,
          links: [],
        },
        { store, now: new Date(now - (20 - index * 4) * DAY), quartierExists },
      ),
      `project 2026 ${index}`,
    );
  }
}

const PROJECTS_VOTING = [
  { title: "Des arbres le long de la route de Schirmeck", euros: 90_000, feasible: true },
  { title: "Une cour d'école rafraîchie à la Musau", euros: 80_000, feasible: true },
  { title: "Des fontaines à brumisation place Kléber", euros: 45_000, feasible: true },
  { title: "Des toitures végétalisées sur les gymnases", euros: 100_000, feasible: true },
  { title: "Climatiser toutes les rames de tram", euros: 100_000, feasible: false },
];

/** A campaign in its voting phase: reviewed projects on the ballot, and a few ballots already cast. */
async function seedVoting(
  store: BudgetStore,
  quartiers: Map<string, string>,
  secret: string,
  voterKeySecret: string,
) {
  const now = Date.now();
  const day = (offset: number) => new Date(now + offset * DAY);
  const quartierExists = async (id: string) => [...quartiers.values()].includes(id);
  const { campaign } = expectSuccess(
    await createCampaign(
      {
        title: DEMO_VOTING,
        description:
          "500 000 € pour rafraîchir la ville : votez pour trois projets au plus parmi ceux que les services ont jugés réalisables.",
        totalBudgetCents: 500_000 * EUR,
        projectCapCents: 100_000 * EUR,
        submissionStartsAt: day(-90),
        submissionEndsAt: day(-50),
        votingStartsAt: day(-5),
        votingEndsAt: day(25),
        ballotScope: "campaign",
        ballotChangeable: true,
        requireResident: true,
        requirePact: true,
        minimumAge: 16,
        envelopes: [
          {
            quartierId: null,
            label: "Toute la ville",
            amountCents: 500_000 * EUR,
            ballotStyle: "approval",
            maxProjects: 3,
            minimumSharePercent: null,
          },
        ],
      },
      { store, now: day(-100), quartierExists },
    ),
    "campaign voting",
  );
  const staff = person("agent-mpc", secret, "staff");
  const advance = async (to: Phase, at: Date) =>
    expectSuccess(
      await advancePhase(staff, { campaignId: campaign.id, to }, { store, now: at }),
      `phase ${to}`,
    );
  const projects: Project[] = [];
  for (const [index, demo] of PROJECTS_VOTING.entries()) {
    const { project } = expectSuccess(
      await submitProject(
        person(`author-climat-${index}`, secret),
        {
          campaignId: campaign.id,
          title: demo.title,
          description: `${demo.title} : un projet pour que la ville reste vivable pendant les étés chauds.`,
          quartierId: null,
          location: null,
          estimatedCostCents: demo.euros * EUR,
          links: [],
        },
        { store, now: day(-85 + index * 5), quartierExists },
      ),
      `project climat ${index}`,
    );
    projects.push(project);
  }
  const review = async (project: Project, decision: ReviewDecision, justification: string, at: Date) =>
    expectSuccess(
      await reviewProject(
        staff,
        {
          projectId: project.id,
          decision,
          service: decision === "admissible" ? "MPC" : "DMEPN",
          justification,
          costEstimateCents: decision === "feasible" ? project.estimatedCostCents : null,
          internalNote: null,
        },
        { store, now: at },
      ),
      `review ${project.title}`,
    );
  await advance("admissibility", day(-49));
  for (const project of projects)
    await review(project, "admissible", "Conforme au règlement du budget participatif.", day(-45));
  await advance("feasibility", day(-40));
  for (const [index, project] of projects.entries()) {
    const feasible = PROJECTS_VOTING[index]?.feasible;
    await review(
      project,
      feasible ? "feasible" : "not_feasible",
      feasible
        ? "Réalisable dans le cadre des marchés en cours."
        : "Le matériel roulant relève de la CTS et dépasse de loin le plafond d'un projet.",
      day(-20),
    );
  }
  await advance("voting", day(-5));
  const feasible = projects.filter((_, index) => PROJECTS_VOTING[index]?.feasible);
  const next = random(2026);
  for (let voter = 0; voter < 30; voter++) {
    const choice = [...feasible]
      .sort(() => next() - 0.5)
      .slice(0, 1 + (voter % 3))
      .map((project) => project.id);
    expectSuccess(
      await castBallot(
        person(`voter-climat-${voter}`, secret),
        { campaignId: campaign.id, projectIds: choice, idempotencyKey: `demo-climat-${voter}` },
        { store, voterKeySecret, now: new Date(now - 5 * DAY + voter * 3 * 3_600_000) },
      ),
      `ballot climat ${voter}`,
    );
  }
}
