// Citizen initiatives: list, publication by a signed-in person (optionally for an organisation they represent),
// cancellation, and answers to calls for volunteers.
import { z } from "zod";
import { badUserInput } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { checkCoordinates } from "../domain/area.ts";
import { InvalidField } from "../domain/contributions.ts";
import { callIsOpen, checkInitiative } from "../domain/initiatives.ts";
import { pickContaining } from "../domain/locate.ts";
import type { InitiativeFilter, InitiativeRecord, StartKey } from "../ports/initiativeStore.ts";
import {
  type Ctx,
  invalidValue,
  isPerson,
  isStaff,
  mayActFor,
  notFound,
  notRepresentative,
  optionalUuid,
  personRequired,
  requireUuid,
} from "./shared.ts";

const StartKeySchema = z.object({ s: z.iso.datetime(), id: z.uuid() });
const startKey = (row: InitiativeRecord): StartKey => ({ s: row.startsAt.toISOString(), id: row.id });

export async function listInitiatives(
  base: Partial<InitiativeFilter>,
  args: { first?: number; after?: string },
  ctx: Ctx,
) {
  const page = parsePage(args, StartKeySchema);
  const now = new Date();
  const { rows, total } = await ctx.loaders.initiatives.list({ from: now, ...base }, page, now);
  return { ...toConnection(rows, page.first, startKey), totalCount: total };
}

interface CreateInput {
  title: string;
  description: string;
  organizerId?: string | null;
  placeId?: string | null;
  location?: { lat: number; lon: number } | null;
  startsAt: Date;
  endsAt?: Date | null;
  callForVolunteers?: { message?: string | null; needed?: number | null; deadline?: Date | null } | null;
}

async function locate(ctx: Ctx, lat: number, lon: number) {
  const [quartiers, communes] = await Promise.all([
    ctx.loaders.geography.quartierCandidates(lat, lon),
    ctx.loaders.geography.communeCandidates(lat, lon),
  ]);
  return {
    quartierId: pickContaining(quartiers, lat, lon)?.id ?? null,
    inEurometropole: pickContaining(communes, lat, lon) !== null,
  };
}

export const initiativeResolvers = {
  Query: {
    initiatives: (
      _: unknown,
      args: {
        filter?: {
          quartierId?: string | null;
          seekingVolunteers?: boolean | null;
          from?: Date | null;
          to?: Date | null;
          includeCancelled?: boolean | null;
        } | null;
        first?: number;
        after?: string;
      },
      ctx: Ctx,
    ) => {
      const filter = args.filter ?? {};
      const quartierId = optionalUuid(filter.quartierId, "filter.quartierId");
      if (filter.from && filter.to && filter.to < filter.from) {
        throw badUserInput("La fin de la période précède son début.", { argument: "filter.to" });
      }
      return listInitiatives(
        {
          ...(quartierId ? { quartierId } : {}),
          ...(filter.seekingVolunteers ? { seekingVolunteers: true } : {}),
          ...(filter.from ? { from: filter.from } : {}),
          ...(filter.to ? { to: filter.to } : {}),
          ...(filter.includeCancelled ? { includeCancelled: true } : {}),
        },
        args,
        ctx,
      );
    },
    initiative: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.initiative.load(requireUuid(args.id, "id")),
  },
  Initiative: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.initiative.load(ref.id),
    organizer: (initiative: InitiativeRecord, _: unknown, ctx: Ctx) =>
      initiative.organizerOrganizationId
        ? ctx.loaders.organization.load(initiative.organizerOrganizationId)
        : null,
    viewerIsOrganizer: (initiative: InitiativeRecord, _: unknown, ctx: Ctx) =>
      ctx.caller.accountId !== null && initiative.organizerAccountId === ctx.caller.accountId,
    place: (initiative: InitiativeRecord, _: unknown, ctx: Ctx) =>
      initiative.placeId ? ctx.loaders.place.load(initiative.placeId) : null,
    location: (initiative: InitiativeRecord) =>
      initiative.lat !== null && initiative.lon !== null
        ? { lat: initiative.lat, lon: initiative.lon }
        : null,
    quartier: (initiative: InitiativeRecord, _: unknown, ctx: Ctx) =>
      initiative.quartierId ? ctx.loaders.quartier.load(initiative.quartierId) : null,
    callForVolunteers: (initiative: InitiativeRecord) => (initiative.volunteersWanted ? initiative : null),
  },
  CallForVolunteers: {
    message: (initiative: InitiativeRecord) => initiative.volunteerCall,
    needed: (initiative: InitiativeRecord) => initiative.volunteersNeeded,
    deadline: (initiative: InitiativeRecord) => initiative.volunteerDeadline,
    volunteerCount: (initiative: InitiativeRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.volunteerCount.load(initiative.id),
    open: async (initiative: InitiativeRecord, _: unknown, ctx: Ctx) =>
      callIsOpen(initiative, await ctx.loaders.volunteerCount.load(initiative.id), new Date()),
    viewerHasVolunteered: (initiative: InitiativeRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.viewerVolunteered.load(initiative.id),
  },
  Mutation: {
    async createInitiative(_: unknown, args: { input: CreateInput }, ctx: Ctx) {
      if (!isPerson(ctx)) return personRequired();
      const { input } = args;
      const now = new Date();
      let draft: ReturnType<typeof checkInitiative>;
      try {
        draft = checkInitiative(input, now);
      } catch (error) {
        return invalidValue(error);
      }
      const organizerId = optionalUuid(input.organizerId, "input.organizerId") ?? null;
      if (organizerId) {
        if (!(await ctx.loaders.organization.load(organizerId))) return notFound("Organisation introuvable.");
        if (!(await mayActFor(organizerId, ctx))) return notRepresentative();
      }
      const placeId = optionalUuid(input.placeId, "input.placeId") ?? null;
      let lat: number;
      let lon: number;
      if (placeId) {
        const place = await ctx.loaders.place.load(placeId);
        if (!place || place.deletedAt) return notFound("Lieu introuvable.");
        ({ lat, lon } = place);
      } else if (input.location) {
        ({ lat, lon } = input.location);
        try {
          checkCoordinates(lat, lon, "input.location");
        } catch (error) {
          return invalidValue(new InvalidField("location", (error as Error).message));
        }
      } else {
        return invalidValue(new InvalidField("location", "Indiquez un lieu de l'annuaire ou une position."));
      }
      const where = await locate(ctx, lat, lon);
      if (!where.inEurometropole) {
        return invalidValue(
          new InvalidField("location", "L'initiative doit avoir lieu dans l'Eurométropole."),
        );
      }
      const initiative = await ctx.loaders.initiatives.create({
        id: newId(),
        title: draft.title,
        description: draft.description,
        organizerOrganizationId: organizerId,
        organizerAccountId: ctx.caller.accountId,
        placeId,
        lat,
        lon,
        quartierId: where.quartierId,
        startsAt: draft.startsAt,
        endsAt: draft.endsAt,
        volunteersWanted: draft.callForVolunteers !== null,
        volunteersNeeded: draft.callForVolunteers?.needed ?? null,
        volunteerCall: draft.callForVolunteers?.message ?? null,
        volunteerDeadline: draft.callForVolunteers?.deadline ?? null,
      });
      return { __typename: "InitiativeSaved", initiative };
    },
    async cancelInitiative(_: unknown, args: { id: string }, ctx: Ctx) {
      const initiative = await ctx.loaders.initiative.load(requireUuid(args.id, "id"));
      if (!initiative) return notFound("Initiative introuvable.");
      const mayCancel =
        isStaff(ctx) ||
        (ctx.caller.accountId !== null && initiative.organizerAccountId === ctx.caller.accountId) ||
        (initiative.organizerOrganizationId !== null &&
          ctx.caller.kind !== "partner" &&
          (await ctx.loaders.viewerRepresents.load(initiative.organizerOrganizationId)));
      if (!mayCancel) return notRepresentative();
      const cancelled = await ctx.loaders.initiatives.cancel(initiative.id);
      return cancelled
        ? { __typename: "InitiativeSaved", initiative: cancelled }
        : notFound("Initiative introuvable.");
    },
    async volunteerForInitiative(_: unknown, args: { initiativeId: string }, ctx: Ctx) {
      if (!isPerson(ctx) || !ctx.caller.accountId) return personRequired();
      const id = requireUuid(args.initiativeId, "initiativeId");
      const outcome = await ctx.loaders.initiatives.addVolunteer(id, ctx.caller.accountId, new Date());
      const initiative = await ctx.loaders.initiative.load(id);
      if (!initiative) return notFound("Initiative introuvable.");
      if (outcome === "closed") {
        return {
          __typename: "VolunteeringClosed",
          message: "Cet appel à bénévoles n'accepte plus de réponse.",
        };
      }
      return { __typename: "VolunteeringSaved", initiative };
    },
    async withdrawVolunteering(_: unknown, args: { initiativeId: string }, ctx: Ctx) {
      if (!isPerson(ctx) || !ctx.caller.accountId) return personRequired();
      const id = requireUuid(args.initiativeId, "initiativeId");
      const initiative = await ctx.loaders.initiative.load(id);
      if (!initiative) return notFound("Initiative introuvable.");
      await ctx.loaders.initiatives.removeVolunteer(id, ctx.caller.accountId);
      return { __typename: "VolunteeringSaved", initiative };
    },
  },
};
