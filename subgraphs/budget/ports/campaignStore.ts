// What the budget subgraph needs from storage for campaigns: their envelopes and phases.
import type { Page } from "../../../platform/pagination.ts";
import type { Campaign, Envelope, Phase } from "../domain/model.ts";

export interface PhaseChange {
  id: string;
  campaignId: string;
  fromPhase: Phase;
  toPhase: Phase;
  actorId: string | null;
  occurredAt: Date;
}

/** Keyset of lists sorted by id (UUIDv7: creation order). */
export interface IdKey {
  id: string;
}

/** Campaign writes, inside a budget transaction. */
export interface CampaignTx {
  /**
   * The campaign, locked for the transaction: "share" for everything done within a phase (many at once), "update"
   * to change the phase (alone). A phase therefore never changes under a command that relies on it.
   */
  campaign(id: string, lock: "share" | "update"): Promise<Campaign | null>;
  envelopes(campaignId: string): Promise<Envelope[]>;
  insertCampaign(campaign: Campaign, envelopes: Envelope[]): Promise<void>;
  setPhase(campaignId: string, from: Phase, to: Phase, actorId: string | null, at: Date): Promise<void>;
}

/** Campaign reads, for the loaders. */
export interface CampaignReads {
  campaignsByIds(ids: readonly string[]): Promise<Campaign[]>;
  listCampaigns(filter: { phase?: Phase }, page: Page<IdKey>): Promise<{ rows: Campaign[]; total: number }>;
  envelopesByIds(ids: readonly string[]): Promise<Envelope[]>;
  envelopesOfCampaigns(campaignIds: readonly string[]): Promise<Envelope[]>;
  phaseChangesOf(campaignIds: readonly string[]): Promise<PhaseChange[]>;
}
