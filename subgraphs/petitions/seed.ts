// Demo petitions: one in every lifecycle state and displayed status, one just under each threshold (meeting and
// council, whatever the configured thresholds), one answered by the city. Everything goes through the domain
// commands with a clock set to each step's date, so counts, milestones, outbox events and the public ledgers are
// those real use would produce (ledger entries are dated by the same clock: no head is dated after its events).
// Dates are relative to the day of seeding, so the states stay current on a fresh database; the texts, people and
// counts are fixed. Idempotent: a demo petition already present (by title) is left as it is.
import { ANONYMOUS, type Caller } from "../../platform/caller.ts";
import { loadConfig } from "../../platform/config.ts";
import type { Database } from "../../platform/db/database.ts";
import { pseudonymousAccountId } from "../../platform/ids.ts";
import type { Logger } from "../../platform/logger.ts";
import { sqlPetitionStore } from "./adapters/sqlPetitionStore.ts";
import { closeExpiredPetitions } from "./domain/closeExpiredPetitions.ts";
import type { CommandContext } from "./domain/context.ts";
import { createPetition } from "./domain/createPetition.ts";
import type { Theme } from "./domain/model.ts";
import { publishPetition, rejectPetition, startModeration } from "./domain/moderatePetition.ts";
import { recordPaperSignatures } from "./domain/recordPaperSignatures.ts";
import { respondToPetition } from "./domain/respondToPetition.ts";
import type { Outcome, OutcomeKind } from "./domain/results.ts";
import { type PetitionRules, rulesFromConfig } from "./domain/rules.ts";
import { signPetition } from "./domain/signPetition.ts";
import { submitPetition } from "./domain/submitPetition.ts";
import { withdrawPetition } from "./domain/withdrawPetition.ts";

const DAY = 86_400_000;
const NEUDORF = "neudorf-schluthfeld-port-du-rhin-musau";

type Stage = "draft" | "submitted" | "in_moderation" | "rejected" | "published" | "answered" | "withdrawn";

interface DemoPetition {
  title: string;
  body: string;
  theme: Theme;
  quartier: string | null;
  stage: Stage;
  /** Published this many days before seeding (signing opens then, or `startsInDays` after seeding). */
  publishedDaysAgo?: number | ((rules: PetitionRules) => number);
  startsInDays?: number;
  online?: number;
  /** Paper signatures, in one batch: a count, or one computed from the thresholds. */
  paper?: number | ((rules: PetitionRules, online: number) => number);
  text?: string;
}

export const DEMO_PETITIONS: DemoPetition[] = [
  {
    title: "Des pistes cyclables continues rue du Faubourg-National",
    body: "La piste cyclable s'interrompt trois fois entre la gare et le centre. Nous demandons une voie continue et protégée.",
    theme: "mobility",
    quartier: null,
    stage: "published",
    publishedDaysAgo: 30,
    online: 20,
    paper: (rules, online) => rules.councilThreshold - online - 10,
  },
  {
    title: "Un marché de producteurs le samedi place du Marché de Neudorf",
    body: "Nous demandons un marché de producteurs locaux le samedi matin, en plus du marché existant, pour les familles qui travaillent en semaine.",
    theme: "economy",
    quartier: NEUDORF,
    stage: "published",
    publishedDaysAgo: 20,
    online: 15,
    paper: (rules, online) => rules.meetingThreshold - online - 5,
  },
  {
    title: "Des toilettes publiques ouvertes la nuit au centre-ville",
    body: "Les toilettes publiques ferment à 20 heures. Nous demandons qu'au moins trois restent ouvertes toute la nuit près des arrêts de tram.",
    theme: "public_space",
    quartier: null,
    stage: "published",
    publishedDaysAgo: 2,
    online: 6,
  },
  {
    title: "Sauvons les arbres du parc de la Citadelle",
    body: "Le projet d'aménagement prévoit d'abattre trente arbres centenaires du parc de la Citadelle. Nous demandons un autre tracé qui les préserve.",
    theme: "environment",
    quartier: null,
    stage: "published",
    publishedDaysAgo: (rules) => rules.signingDays - 3,
    online: 12,
    paper: 140,
  },
  {
    title: "Une piscine ouverte le dimanche à Cronenbourg",
    body: "La piscine de Cronenbourg est fermée le dimanche. Nous demandons une ouverture le dimanche matin toute l'année pour les familles du quartier.",
    theme: "sport",
    quartier: "cronenbourg",
    stage: "published",
    publishedDaysAgo: 1,
    startsInDays: 14,
  },
  {
    title: "Zone de rencontre devant l'école du Schluthfeld",
    body: "Les voitures passent vite devant l'école du Schluthfeld. Nous demandons une zone de rencontre limitée à 20 km/h aux heures d'entrée et de sortie.",
    theme: "safety",
    quartier: NEUDORF,
    stage: "answered",
    publishedDaysAgo: 60,
    online: 10,
    paper: (rules, online) => rules.councilThreshold - online + 40,
    text: "La Ville aménagera une zone de rencontre devant l'école du Schluthfeld à la rentrée prochaine, après concertation avec le conseil de quartier.",
  },
  {
    title: "Un kiosque à musique au parc de la Bergerie",
    body: "Nous proposons un kiosque à musique au parc de la Bergerie pour accueillir les fanfares et les concerts gratuits de l'été.",
    theme: "culture",
    quartier: null,
    stage: "published",
    publishedDaysAgo: (rules) => rules.signingDays + 10,
    online: 8,
  },
  {
    title: "Plus de bancs rue du Jeu-des-Enfants",
    body: "Les personnes âgées n'ont nulle part où s'asseoir dans la rue piétonne du Jeu-des-Enfants. Nous demandons des bancs tous les cinquante mètres.",
    theme: "public_space",
    quartier: null,
    stage: "withdrawn",
    publishedDaysAgo: 25,
    online: 4,
  },
  {
    title: "Interdire toute circulation automobile dans l'Eurométropole",
    body: "Nous demandons que plus aucune voiture ne circule dans les 33 communes de l'Eurométropole, dès le mois prochain et sans exception.",
    theme: "mobility",
    quartier: null,
    stage: "rejected",
    text: "Hors des compétences de la Ville : la circulation sur les routes départementales et nationales ne relève pas d'elle, et la demande ne prévoit aucune exception pour les secours.",
  },
  {
    title: "Des fontaines à eau dans les cours d'école de la Musau",
    body: "Les enfants de l'école de la Musau n'ont qu'un robinet pour trois cents élèves. Nous demandons des fontaines à eau dans chaque cour.",
    theme: "education",
    quartier: NEUDORF,
    stage: "in_moderation",
  },
  {
    title: "Un composteur collectif dans chaque quartier",
    body: "Nous demandons un composteur collectif par quartier, entretenu avec les habitants, pour réduire le volume des ordures ménagères.",
    theme: "environment",
    quartier: null,
    stage: "submitted",
  },
  {
    title: "Éclairer le chemin du Rhin la nuit",
    body: "Le chemin le long du Rhin n'est pas éclairé : nous demandons un éclairage doux, respectueux de la faune, entre le jardin des Deux Rives et la Musau.",
    theme: "safety",
    quartier: NEUDORF,
    stage: "draft",
  },
];

function person(label: string, secret: string, staff = false): Caller {
  return {
    ...ANONYMOUS,
    kind: staff ? "staff" : "citizen",
    accountId: pseudonymousAccountId(`demo:${label}`, secret),
    roles: staff ? ["citizen", "staff", "moderator"] : ["citizen"],
    staffService: staff ? "MPC" : null,
    verificationLevel: "resident_verified",
    claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
  };
}

function expect(outcome: Outcome, kind: OutcomeKind, what: string): Outcome {
  if (outcome.kind !== kind)
    throw new Error(`petitions seed: ${what}: ${outcome.kind} ${outcome.message ?? ""}`);
  return outcome;
}

export async function seedPetitions(db: Database, log: Logger): Promise<void> {
  const config = loadConfig();
  const rules = rulesFromConfig(config);
  const store = sqlPetitionStore(db);
  const slugs = new Map(
    (await db.prisma.quartier.findMany({ select: { id: true, slug: true } })).map((row) => [
      row.slug,
      row.id,
    ]),
  );
  const quartierIds = new Set(slugs.values());
  const directory = { exists: async (id: string) => quartierIds.has(id) };
  const present = new Set(
    (
      await db.prisma.petition.findMany({
        where: { title: { in: DEMO_PETITIONS.map((demo) => demo.title) } },
        select: { title: true },
      })
    ).map((row) => row.title),
  );
  const started = performance.now();
  const seedNow = Date.now();
  const moderator = person("moderator-mpc", config.PSEUDONYM_SECRET, true);
  let seeded = 0;
  for (const [index, demo] of DEMO_PETITIONS.entries()) {
    if (present.has(demo.title)) continue;
    const author = person(`petition-author-${index}`, config.PSEUDONYM_SECRET);
    const publishedDaysAgo =
      typeof demo.publishedDaysAgo === "function"
        ? demo.publishedDaysAgo(rules)
        : (demo.publishedDaysAgo ?? 1);
    const publishedAt = seedNow - publishedDaysAgo * DAY;
    const ctx = (caller: Caller, at: number): CommandContext => ({
      store,
      rules,
      caller,
      now: new Date(at),
      tokenSecret: config.LEDGER_TOKEN_SECRET,
    });
    const created = expect(
      await createPetition(ctx(author, publishedAt - 3 * DAY), directory, {
        title: demo.title,
        body: demo.body,
        theme: demo.theme,
        quartierId: demo.quartier ? (slugs.get(demo.quartier) ?? null) : null,
        coAuthorIds: [],
      }),
      "created",
      demo.title,
    );
    const id = (created.petition as { id: string }).id;
    seeded++;
    if (demo.stage === "draft") continue;
    expect(await submitPetition(ctx(author, publishedAt - 2 * DAY), id), "submitted", "submit");
    if (demo.stage === "submitted") continue;
    expect(await startModeration(ctx(moderator, publishedAt - DAY), id), "moderation_started", "moderate");
    if (demo.stage === "in_moderation") continue;
    if (demo.stage === "rejected") {
      expect(await rejectPetition(ctx(moderator, publishedAt), id, demo.text ?? ""), "rejected", "reject");
      continue;
    }
    const startsAt = demo.startsInDays === undefined ? null : new Date(seedNow + demo.startsInDays * DAY);
    expect(await publishPetition(ctx(moderator, publishedAt), id, startsAt), "published", "publish");
    // Signatures spread over the part of the signing period that has passed (at most the period itself).
    const open = Math.max(0, Math.min(seedNow, publishedAt + rules.signingDays * DAY) - publishedAt - DAY);
    const online = demo.online ?? 0;
    for (let signer = 0; signer < online; signer++) {
      const at = publishedAt + Math.round(((signer + 1) * open) / (online + 2));
      expect(
        await signPetition(ctx(person(`signer-${signer}`, config.PSEUDONYM_SECRET), at), {
          petitionId: id,
          idempotencyKey: `demo-petition-${index}-${signer}`,
          publicName: signer % 3 === 0 ? null : `Habitant·e ${signer + 1}`,
        }),
        "signed",
        "sign",
      );
    }
    const paper = typeof demo.paper === "function" ? demo.paper(rules, online) : (demo.paper ?? 0);
    if (paper > 0) {
      const at = publishedAt + Math.round(open * 0.9);
      expect(
        await recordPaperSignatures(ctx(moderator, at), id, {
          count: paper,
          collectedOn: new Date(at - DAY / 2).toISOString().slice(0, 10),
          location: "Stands sur les marchés et à la sortie des écoles",
        }),
        "paper_signatures_recorded",
        "paper",
      );
    }
    const late = publishedAt + open + DAY / 2;
    if (demo.stage === "answered") {
      expect(await respondToPetition(ctx(moderator, late), id, demo.text ?? ""), "answered", "answer");
    }
    if (demo.stage === "withdrawn") {
      expect(await withdrawPetition(ctx(author, late), id), "withdrawn", "withdraw");
    }
  }
  // The one whose period ended below the meeting threshold is closed, as the subgraph's job would do.
  const closed = await closeExpiredPetitions(store, rules, new Date(seedNow));
  log.info(
    { petitions: seeded, closed, ms: Math.round(performance.now() - started) },
    "demo petitions ready",
  );
}
