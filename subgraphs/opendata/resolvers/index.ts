// Open-data resolvers: thin — check the dataset exists, ask the source for its rows.

import { GraphQLError } from "graphql";
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import { DATASETS, type DatasetDefinition, datasetById } from "../domain/catalog.ts";
import { downloadPath, formatsOf } from "../domain/distributions.ts";
import type { PublicationRun, PublicationTrigger } from "../ports/publicationStore.ts";
import type { OpenDataServices } from "../services.ts";
import { openDataSettings } from "../settings.ts";

type Ctx = SubgraphContext<OpenDataServices>;

function runView(run: PublicationRun) {
  return {
    id: run.id,
    trigger: run.trigger.toUpperCase(),
    status: run.status.toUpperCase(),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    datasets: run.results.map((result) => ({ ...result, outcome: result.outcome.toUpperCase() })),
  };
}

export const resolvers = {
  JSON: JSONScalar,
  DateTime: DateTimeScalar,
  Query: {
    async openDataPublicationRuns(_: unknown, args: { first?: number | null }, ctx: Ctx) {
      const first = args.first ?? 20;
      if (!Number.isInteger(first) || first < 1 || first > 100)
        throw badUserInput("first : de 1 à 100.", { argument: "first" });
      return (await ctx.loaders.store.recentRuns(first)).map(runView);
    },
    openDataDatasets: () => DATASETS,
    async _openDataRows(_: unknown, args: { datasetId: string }, ctx: Ctx) {
      if (!datasetById(args.datasetId))
        throw badUserInput("Jeu de données inconnu.", { argument: "datasetId" });
      return ctx.loaders.source.rows(args.datasetId);
    },
  },
  Mutation: {
    async _publishOpenData(_: unknown, args: { trigger: "DAILY" | "EVENT" | "MANUAL" }, ctx: Ctx) {
      const trigger = args.trigger.toLowerCase() as PublicationTrigger;
      const { runId } = await ctx.loaders.schedule.runNow(trigger);
      const run = runId ? await ctx.loaders.store.run(runId) : null;
      if (!run) throw new GraphQLError("La publication n'a pas pu être enregistrée.");
      return runView(run);
    },
    _openDataChanged(_: unknown, _args: { eventType: string }, ctx: Ctx) {
      ctx.loaders.schedule.changed();
      return ctx.config.OPENDATA_PUBLISH_DEBOUNCE_MS > 0;
    },
  },
  OpenDataDataset: {
    __resolveReference: (reference: { id: string }) => datasetById(reference.id) ?? null,
    downloadUrls: (dataset: DatasetDefinition, _: unknown, ctx: Ctx) => {
      const base = openDataSettings(ctx.config).publicBaseUrl;
      return formatsOf(dataset).map((format) => `${base}${downloadPath(dataset, format)}`);
    },
  },
};
