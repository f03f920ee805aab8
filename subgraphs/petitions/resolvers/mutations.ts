// Mutation resolvers: validate arguments, run one domain command, return its outcome as the result union member
// its kind names (outcomeTypes.ts). Problems change nothing; unexpected errors are masked by the platform.
import { badUserInput, upstreamUnavailable } from "../../../platform/errors.ts";
import { recordParticipation } from "../../../platform/telemetry/metrics.ts";
import { DirectoryUnavailable } from "../adapters/directoryQuartiers.ts";
import { acceptCoAuthorship } from "../domain/acceptCoAuthorship.ts";
import { closeExpiredPetitions } from "../domain/closeExpiredPetitions.ts";
import type { CommandContext } from "../domain/context.ts";
import { createPetition } from "../domain/createPetition.ts";
import { exportSignatures } from "../domain/exportSignatures.ts";
import { publishPetition, rejectPetition, startModeration } from "../domain/moderatePetition.ts";
import { recordPaperSignatures } from "../domain/recordPaperSignatures.ts";
import { respondToPetition } from "../domain/respondToPetition.ts";
import type { Outcome } from "../domain/results.ts";
import { DAY_MS } from "../domain/rules.ts";
import { signPetition } from "../domain/signPetition.ts";
import { submitPetition } from "../domain/submitPetition.ts";
import { updatePetition } from "../domain/updatePetition.ts";
import { withdrawPetition } from "../domain/withdrawPetition.ts";
import { withdrawSignature } from "../domain/withdrawSignature.ts";
import {
  type PetitionInputArgs,
  parsePetitionInput,
  requireIdempotencyKey,
  requireUuid,
  toDay,
} from "./inputs.ts";
import { OUTCOME_TYPES } from "./outcomeTypes.ts";
import type { Ctx } from "./types.ts";

function command(ctx: Ctx): CommandContext {
  return {
    store: ctx.loaders.store,
    rules: ctx.loaders.rules,
    caller: ctx.caller,
    now: new Date(),
    tokenSecret: ctx.config.LEDGER_TOKEN_SECRET,
  };
}

const answer = ({ kind, ...fields }: Outcome) => ({ __typename: OUTCOME_TYPES[kind], ...fields });

/** Commands that ask the directory about a quartier: its outage is UPSTREAM_UNAVAILABLE, not a wrong answer. */
async function withDirectory(run: () => Promise<Outcome>) {
  try {
    return answer(await run());
  } catch (error) {
    if (error instanceof DirectoryUnavailable) throw upstreamUnavailable("annuaire des quartiers");
    throw error;
  }
}

export const mutationResolvers = {
  createPetition: (_: unknown, args: { input: PetitionInputArgs }, ctx: Ctx) =>
    withDirectory(() => createPetition(command(ctx), ctx.loaders.quartiers, parsePetitionInput(args.input))),

  updatePetition: (_: unknown, args: { id: string; input: PetitionInputArgs }, ctx: Ctx) => {
    const id = requireUuid(args.id, "id");
    const input = parsePetitionInput(args.input);
    return withDirectory(() => updatePetition(command(ctx), ctx.loaders.quartiers, id, input));
  },

  submitPetition: async (_: unknown, args: { id: string }, ctx: Ctx) =>
    answer(await submitPetition(command(ctx), requireUuid(args.id, "id"))),

  acceptPetitionCoAuthorship: async (_: unknown, args: { petitionId: string }, ctx: Ctx) =>
    answer(await acceptCoAuthorship(command(ctx), requireUuid(args.petitionId, "petitionId"))),

  startPetitionModeration: async (_: unknown, args: { id: string }, ctx: Ctx) =>
    answer(await startModeration(command(ctx), requireUuid(args.id, "id"))),

  async publishPetition(_: unknown, args: { id: string; signingStartsAt?: Date | null }, ctx: Ctx) {
    const id = requireUuid(args.id, "id");
    const cmd = command(ctx);
    const start = args.signingStartsAt ?? null;
    if (start && start.getTime() > cmd.now.getTime() + cmd.rules.maxScheduleDays * DAY_MS) {
      throw badUserInput(
        `La période de signature commence au plus tard dans ${cmd.rules.maxScheduleDays} jours.`,
        {
          argument: "signingStartsAt",
        },
      );
    }
    return answer(await publishPetition(cmd, id, start));
  },

  rejectPetition: async (_: unknown, args: { id: string; reason: string }, ctx: Ctx) =>
    answer(await rejectPetition(command(ctx), requireUuid(args.id, "id"), args.reason)),

  async signPetition(
    _: unknown,
    args: { petitionId: string; idempotencyKey: string; publicName?: string | null },
    ctx: Ctx,
  ) {
    const input = {
      petitionId: requireUuid(args.petitionId, "petitionId"),
      idempotencyKey: requireIdempotencyKey(args.idempotencyKey),
      publicName: args.publicName ?? null,
    };
    const outcome = await signPetition(command(ctx), input);
    if (outcome.type === "PetitionSigned") recordParticipation("signature");
    return answer(outcome);
  },

  withdrawSignature: async (_: unknown, args: { petitionId: string }, ctx: Ctx) =>
    answer(await withdrawSignature(command(ctx), requireUuid(args.petitionId, "petitionId"))),

  async recordPaperSignatures(
    _: unknown,
    args: { petitionId: string; batch: { count: number; collectedOn: Date | string; location: string } },
    ctx: Ctx,
  ) {
    const petitionId = requireUuid(args.petitionId, "petitionId");
    const batch = {
      count: args.batch.count,
      collectedOn: toDay(args.batch.collectedOn),
      location: args.batch.location,
    };
    return answer(await recordPaperSignatures(command(ctx), petitionId, batch));
  },

  respondToPetition: async (_: unknown, args: { id: string; response: string }, ctx: Ctx) =>
    answer(await respondToPetition(command(ctx), requireUuid(args.id, "id"), args.response)),

  withdrawPetition: async (_: unknown, args: { id: string }, ctx: Ctx) =>
    answer(await withdrawPetition(command(ctx), requireUuid(args.id, "id"))),

  exportPetitionSignatures: async (_: unknown, args: { petitionId: string; purpose: string }, ctx: Ctx) =>
    answer(await exportSignatures(command(ctx), requireUuid(args.petitionId, "petitionId"), args.purpose)),

  _closeExpiredPetitions: (_: unknown, __: unknown, ctx: Ctx) =>
    closeExpiredPetitions(ctx.loaders.store, ctx.loaders.rules, new Date()),

  async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
    const counts = await ctx.loaders.store.eraseAccount(requireUuid(args.accountId, "accountId"));
    return { subgraph: "petitions", ...counts };
  },
};
