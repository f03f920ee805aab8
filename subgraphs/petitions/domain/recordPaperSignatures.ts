// Staff enter the paper signatures collected in the field as dated batches (how many, where, by whom): shown
// apart, counted in the total, and entered in the ledger as one entry adding the batch's count.
import { newId } from "../../../platform/ids.ts";
import type { CommandContext } from "./context.ts";
import { changeCount } from "./counting.ts";
import { petitionLogId } from "./model.ts";
import { Abort, invalidText, notFound, notOpen, type Outcome } from "./results.ts";
import { checkText, cleanText } from "./text.ts";

export interface PaperBatchInput {
  count: number;
  /** YYYY-MM-DD. */
  collectedOn: string;
  location: string;
}

const invalidBatch = (message: string) => ({ kind: "invalid_paper_batch", message }) as const;

export async function recordPaperSignatures(
  ctx: CommandContext,
  petitionId: string,
  input: PaperBatchInput,
): Promise<Outcome> {
  const location = cleanText(input.location, { multiline: false });
  const locationProblem = checkText(location, ctx.rules.text.location);
  if (locationProblem) return invalidText("location", locationProblem, ctx.rules.text.location);
  if (!Number.isSafeInteger(input.count) || input.count < 1 || input.count > ctx.rules.maxPaperBatch) {
    return invalidBatch(`Un lot compte de 1 à ${ctx.rules.maxPaperBatch} signatures.`);
  }
  const collected = new Date(`${input.collectedOn}T12:00:00Z`);
  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        if (petition.state !== "published" || !petition.signingStartsAt || !petition.signingEndsAt) {
          throw new Abort(notOpen(petition, ctx.now));
        }
        // The collection day must fall within the signing period (by calendar day) and not in the future.
        const day = (date: Date) => date.toISOString().slice(0, 10);
        if (
          input.collectedOn < day(petition.signingStartsAt) ||
          input.collectedOn > day(petition.signingEndsAt) ||
          collected.getTime() - 12 * 3_600_000 > ctx.now.getTime()
        ) {
          throw new Abort(
            invalidBatch(
              "La date de collecte doit tomber pendant la période de signature, et pas dans le futur.",
            ),
          );
        }
        const appended = await tx.appendLedger(
          petitionLogId(petitionId),
          {
            kind: "paper.batch",
            token: null,
            delta: input.count,
            data: { collectedOn: input.collectedOn, count: input.count },
          },
          ctx.now,
        );
        const batch = {
          id: newId(),
          petitionId,
          count: input.count,
          collectedOn: input.collectedOn,
          location,
          enteredByAccountId: ctx.caller.accountId,
          enteredByService: ctx.caller.staffService,
          enteredAt: ctx.now,
          ledgerSeq: appended.seq,
        };
        await tx.insertPaperBatch(batch);
        const updated = await changeCount(
          tx,
          petition,
          { online: 0, paper: input.count },
          ctx.rules,
          ctx.now,
        );
        return { kind: "paper_signatures_recorded", batch, petition: updated };
      },
      { petitionId: petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
