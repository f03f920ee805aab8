// A resident signs a petition: once per person (a unique constraint on the per-petition pseudonymous token),
// counted in the same transaction, entered in the petition's public ledger, and idempotent by key: the same key
// for the same petition gives the same result again; the same key for another petition is refused, changing
// nothing. Every change to one petition waits on that petition's row lock, so parallel signatures stay exact.
import { newId } from "../../../platform/ids.ts";
import { subjectToken } from "../../../platform/ledger/index.ts";
import type { CommandContext } from "./context.ts";
import { changeCount } from "./counting.ts";
import { ineligibilityOf } from "./eligibility.ts";
import { petitionLogId, type SignatureRecord } from "./model.ts";
import { Abort, invalidText, notEligible, notFound, notOpen, type Outcome } from "./results.ts";
import { canView, isPublic, isSigningOpen } from "./status.ts";
import { checkText, cleanText } from "./text.ts";

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export interface SignInput {
  petitionId: string;
  idempotencyKey: string;
  publicName: string | null;
}

const keyReused = () =>
  ({
    kind: "idempotency_key_reused",
    message: "Cette clé d'idempotence a déjà servi pour une autre pétition : utilisez une nouvelle clé.",
  }) as const;

/** The signer's pseudonym within one petition: also the token of their ledger entries. */
export function signerToken(secret: string, petitionId: string, accountId: string): string {
  return subjectToken(secret, petitionLogId(petitionId), accountId);
}

export async function signPetition(ctx: CommandContext, input: SignInput): Promise<Outcome> {
  const accountId = ctx.caller.accountId;
  const publicName = input.publicName === null ? null : cleanText(input.publicName, { multiline: false });
  if (publicName !== null) {
    const problem = checkText(publicName, ctx.rules.text.publicName);
    if (problem) return invalidText("publicName", problem, ctx.rules.text.publicName);
  }
  // A replay is answered before anything else, without taking the petition's lock.
  if (accountId) {
    const replay = await ctx.store.signatureIdempotency(accountId, input.idempotencyKey);
    if (replay && replay.petitionId !== input.petitionId) return keyReused();
  }
  const reasons = ineligibilityOf(ctx.caller, ctx.rules);
  if (reasons.length > 0 || !accountId) return notEligible(reasons.length > 0 ? reasons : ["not_a_person"]);
  const token = signerToken(ctx.tokenSecret, input.petitionId, accountId);

  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(input.petitionId);
        if (!petition) throw new Abort(notFound());
        // A public petition is visible to all: co-authors are read only for the others.
        if (
          !isPublic(petition) &&
          !canView(
            petition,
            ctx.caller,
            (await tx.coAuthors(petition.id)).map((row) => row.accountId),
          )
        ) {
          throw new Abort(notFound());
        }
        // Under the lock, the key is checked again: a parallel request with the same key has committed by now.
        // The caller's signature is read with it (one statement; used once signing is known to be open).
        const { replay, existing } = await tx.signingState(
          accountId,
          input.idempotencyKey,
          petition.id,
          token,
        );
        if (replay) {
          if (replay.petitionId !== petition.id) throw new Abort(keyReused());
          const signature = await tx.signatureById(replay.signatureId);
          if (signature) return { kind: "signed", signature, petition };
        }
        if (!isSigningOpen(petition, ctx.now)) throw new Abort(notOpen(petition, ctx.now));

        if (existing && existing.withdrawnAt === null) {
          throw new Abort({
            kind: "already_signed",
            message: "Vous avez déjà signé cette pétition : votre signature n'est comptée qu'une fois.",
            signature: existing,
          });
        }
        const appended = await tx.appendLedger(
          petitionLogId(petition.id),
          {
            kind: "signature.added",
            token,
            delta: 1,
          },
          ctx.now,
        );
        const values = {
          accountId,
          publicName,
          verificationLevel: ctx.caller.verificationLevel,
          signedAt: ctx.now,
          ledgerSeq: appended.seq,
        };
        let signature: SignatureRecord;
        if (existing) {
          signature = await tx.renewSignature(existing.id, values);
        } else {
          signature = {
            id: newId(),
            petitionId: petition.id,
            signerToken: token,
            withdrawnAt: null,
            ...values,
          };
          await tx.insertSignature(signature);
        }
        const updated = await changeCount(tx, petition, { online: 1, paper: 0 }, ctx.rules, ctx.now);
        if (
          !(await tx.saveIdempotencyKey(accountId, input.idempotencyKey, petition.id, signature.id, ctx.now))
        ) {
          // The same key was used for another petition by a parallel request that committed first.
          throw new Abort(keyReused());
        }
        return { kind: "signed", signature, petition: updated };
      },
      { petitionId: input.petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
