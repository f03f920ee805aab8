// Demo reports: every status (submitted, acknowledged, in progress, resolved, rejected, duplicate, redirected) in
// several communes, each routed by the real rules (the lighting of Schiltigheim and Illkirch goes to their own
// services) and moved along by the domain commands with a clock set to each step, so the staff queues, the
// Open311 `requests.json`, the reports map and the histories show what real use would. Dates are relative to the
// day of seeding (the open ones stay recent); texts, places and people are fixed, and the tracking tokens are
// derived from the demo key. Idempotent: a demo report already present (by description) is left as it is.
// The points are located as at run time: the directory answers through the subgraph client (the seed runs after
// the directory's, app/seed.ts).
import { createHmac } from "node:crypto";
import { loadConfig } from "../../platform/config.ts";
import type { Database } from "../../platform/db/database.ts";
import { newId, pseudonymousAccountId } from "../../platform/ids.ts";
import type { InternalClient } from "../../platform/internalClient.ts";
import type { Logger } from "../../platform/logger.ts";
import { directoryLocator } from "./adapters/directoryLocator.ts";
import { prismaReportStore } from "./adapters/prismaReportStore.ts";
import { changeReportStatus } from "./domain/changeReportStatus.ts";
import type { ReportStatus } from "./domain/lifecycle.ts";
import { mergeReports } from "./domain/mergeReports.ts";
import type { Actor } from "./domain/model.ts";
import { submitReport } from "./domain/submitReport.ts";
import { reportsSettings } from "./settings.ts";

const DAY = 86_400_000;

interface DemoReport {
  key: string;
  category: string;
  at: [number, number];
  address: string;
  description: string;
  attributes: { code: string; values: string[] }[];
  daysAgo: number;
  /** The statuses it moves through after submission, with the public note of each. */
  path: { status: ReportStatus; note: string; reason?: string }[];
  /** Closed as a duplicate of this demo report. */
  duplicateOf?: string;
}

const HOLE = [{ code: "taille", values: ["moyen"] }];
const DUMP = [{ code: "volume", values: ["encombrant"] }];
const LAMP = [{ code: "type_panne", values: ["eteint"] }];
const TAG = [{ code: "support", values: ["mobilier"] }];
const SIGN = [{ code: "equipement", values: ["feu"] }];

export const DEMO_REPORTS: DemoReport[] = [
  {
    key: "musau-dump",
    category: "depot-sauvage",
    at: [48.5695, 7.7622],
    address: "Rue de la Musau, Strasbourg",
    description: "Un matelas et deux chaises abandonnés au pied de l'arbre, depuis trois jours.",
    attributes: DUMP,
    daysAgo: 1,
    path: [],
  },
  {
    key: "neudorf-hole",
    category: "chaussee-degradee",
    at: [48.5712, 7.7589],
    address: "Route du Polygone, Strasbourg",
    description: "Nid-de-poule profond sur la piste cyclable, dangereux le soir.",
    attributes: HOLE,
    daysAgo: 4,
    path: [{ status: "acknowledged", note: "Signalement reçu : une équipe passera cette semaine." }],
  },
  {
    key: "krutenau-tag",
    category: "tag-graffiti",
    at: [48.5795, 7.7562],
    address: "Quai des Bateliers, Strasbourg",
    description: "Tag injurieux sur l'abribus du quai, visible depuis l'école.",
    attributes: TAG,
    daysAgo: 6,
    path: [
      { status: "acknowledged", note: "Pris en charge par le service propreté." },
      { status: "in_progress", note: "Effacement programmé jeudi matin." },
    ],
  },
  {
    key: "schiltigheim-lamp",
    category: "eclairage-public",
    at: [48.6072, 7.7497],
    address: "Route de Bischwiller, Schiltigheim",
    description: "Trois lampadaires éteints de suite, le trottoir est noir la nuit.",
    attributes: LAMP,
    daysAgo: 9,
    path: [{ status: "in_progress", note: "Les services techniques de Schiltigheim interviennent." }],
  },
  {
    key: "illkirch-lamp",
    category: "eclairage-public",
    at: [48.5297, 7.7147],
    address: "Route de Lyon, Illkirch-Graffenstaden",
    description: "Le lampadaire devant le numéro 150 clignote en permanence.",
    attributes: LAMP,
    daysAgo: 20,
    path: [{ status: "resolved", note: "Ampoule et ballast remplacés." }],
  },
  {
    key: "bischheim-sign",
    category: "signalisation",
    at: [48.6156, 7.7528],
    address: "Carrefour de la rue du Marais, Bischheim",
    description: "Le feu piéton reste au rouge, les gens traversent quand même.",
    attributes: SIGN,
    daysAgo: 12,
    path: [
      { status: "acknowledged", note: "Signalement transmis à l'équipe des feux." },
      { status: "resolved", note: "Boucle de détection réparée." },
    ],
  },
  {
    key: "lingolsheim-dump",
    category: "depot-sauvage",
    at: [48.5575, 7.6828],
    address: "Rue du Chemin de Fer, Lingolsheim",
    description: "Des gravats déposés derrière la gare, sur le terrain de la SNCF.",
    attributes: DUMP,
    daysAgo: 15,
    path: [
      {
        status: "redirected",
        note: "Terrain privé de SNCF Réseau : le signalement lui a été transmis.",
        reason: "Hors des compétences de la collectivité (terrain ferroviaire).",
      },
    ],
  },
  {
    key: "ostwald-bench",
    category: "mobilier-urbain",
    at: [48.5433, 7.7097],
    address: "Parc du Bohrie, Ostwald",
    description: "Un banc a été déplacé de deux mètres, il n'est pas cassé.",
    attributes: [],
    daysAgo: 18,
    path: [
      {
        status: "rejected",
        note: "Le banc est mobile par conception : il n'y a rien à réparer.",
        reason: "Pas de dégradation constatée.",
      },
    ],
  },
  {
    key: "musau-dump-again",
    category: "depot-sauvage",
    at: [48.5696, 7.7621],
    address: "Rue de la Musau, Strasbourg",
    description: "Encombrants devant le 8 rue de la Musau : un matelas et des chaises.",
    attributes: DUMP,
    daysAgo: 0.5,
    path: [],
    duplicateOf: "musau-dump",
  },
];

export async function seedReports(db: Database, log: Logger, internal: InternalClient): Promise<void> {
  const config = loadConfig();
  const present = new Set(
    (
      await db.prisma.report.findMany({
        where: { description: { in: DEMO_REPORTS.map((demo) => demo.description) } },
        select: { description: true },
      })
    ).map((row) => row.description),
  );
  if (present.size === DEMO_REPORTS.length) return;
  const started = performance.now();
  const store = prismaReportStore(db);
  const locator = directoryLocator({ internal, log, timeoutMs: reportsSettings(config).locatorTimeoutMs });
  const seedNow = Date.now();
  const admin: Actor = {
    kind: "staff",
    accountId: pseudonymousAccountId("demo:reports-admin", config.PSEUDONYM_SECRET),
    partnerClientId: null,
    staffService: "DMEPN",
    isAdmin: true,
  };
  const ids = new Map<string, string>();
  for (const [index, demo] of DEMO_REPORTS.entries()) {
    if (present.has(demo.description)) continue;
    const submittedAt = seedNow - demo.daysAgo * DAY;
    const reporter: Actor = {
      kind: "citizen",
      accountId: pseudonymousAccountId(`demo:reporter-${index}`, config.PSEUDONYM_SECRET),
      partnerClientId: null,
      staffService: null,
      isAdmin: false,
    };
    const outcome = await submitReport(
      {
        categoryCode: demo.category,
        lat: demo.at[0],
        lon: demo.at[1],
        address: demo.address,
        description: demo.description,
        attributes: demo.attributes,
        photoUploadIds: [],
        contact: null,
        mediaUrls: [],
      },
      reporter,
      {
        store,
        locator,
        // Demo reports carry their coordinates: nothing to geocode.
        geocoder: { search: async () => [] },
        geocoderMinScore: 1,
        now: () => new Date(submittedAt),
        newId,
        newToken: () =>
          createHmac("sha256", config.PSEUDONYM_SECRET)
            .update(`demo-report:${demo.key}`)
            .digest("base64url")
            .slice(0, 24),
        duplicateRadiusMeters: config.REPORTS_DUPLICATE_RADIUS_METERS,
        duplicateMaxAgeDays: config.REPORTS_DUPLICATE_MAX_AGE_DAYS,
      },
    );
    if (outcome.kind !== "submitted") throw new Error(`reports seed: ${demo.key}: ${outcome.kind}`);
    ids.set(demo.key, outcome.report.id);
    // Each step a few hours after the previous one, all before the day of seeding.
    for (const [step, move] of demo.path.entries()) {
      const at = submittedAt + ((step + 1) * demo.daysAgo * DAY) / (demo.path.length + 1);
      const changed = await changeReportStatus(
        {
          reportId: outcome.report.id,
          status: move.status,
          note: move.note,
          internalNote: null,
          reason: move.reason ?? null,
          expectedResolutionAt: null,
        },
        admin,
        { store, now: () => new Date(at), newId },
      );
      if (changed.kind !== "changed")
        throw new Error(`reports seed: ${demo.key} → ${move.status}: ${changed.kind}`);
    }
    const into = demo.duplicateOf ? ids.get(demo.duplicateOf) : undefined;
    if (into) {
      const merged = await mergeReports(
        { duplicateId: outcome.report.id, intoId: into, note: "Même dépôt que le signalement précédent." },
        admin,
        { store, now: () => new Date(submittedAt + DAY / 4), newId },
      );
      if (merged.kind !== "merged") throw new Error(`reports seed: merge ${demo.key}: ${merged.kind}`);
    }
  }
  log.info(
    { reports: DEMO_REPORTS.length - present.size, ms: Math.round(performance.now() - started) },
    "demo reports ready",
  );
}
