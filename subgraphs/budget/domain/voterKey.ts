// The key of a person's ballot in a campaign: an HMAC of the campaign and the pseudonymous account id, so the
// unique constraint (campaign, voter key) allows one ballot per person without storing the account id, and keys
// differ from one campaign to the next. The ledger never sees it: ballots appear there under a random token.
import { createHmac, randomBytes } from "node:crypto";

export function voterKey(secret: string, campaignId: string, accountId: string): string {
  return createHmac("sha256", secret).update(`budget-voter:${campaignId}:${accountId}`).digest("hex");
}

/** A ballot's pseudonym in the public ledger: random, so nothing links it to a person or to other campaigns. */
export function newLedgerToken(): string {
  return randomBytes(16).toString("hex");
}

/** What replaces a voter key on erasure: random, so the ballot stays counted but links to no one. */
export function erasedVoterKey(): string {
  return `erased:${randomBytes(16).toString("hex")}`;
}
