// What the directory needs from storage for citizen initiatives and their volunteers.
import type { Page } from "../../../platform/pagination.ts";
import type { GridCluster } from "../domain/clustering.ts";
import type { Box } from "../domain/geometry.ts";

export interface InitiativeRecord {
  id: string;
  title: string;
  description: string;
  organizerOrganizationId: string | null;
  organizerAccountId: string | null;
  placeId: string | null;
  lat: number | null;
  lon: number | null;
  quartierId: string | null;
  startsAt: Date;
  endsAt: Date | null;
  status: "published" | "cancelled";
  volunteersWanted: boolean;
  volunteersNeeded: number | null;
  volunteerCall: string | null;
  volunteerDeadline: Date | null;
}

export interface InitiativeFilter {
  quartierId?: string;
  organizerOrganizationId?: string;
  seekingVolunteers?: boolean;
  /** Initiatives that end (or, without an end, start) at or after this instant. */
  from: Date;
  to?: Date;
  includeCancelled?: boolean;
}

/** Keyset of the list by start: ISO instant and id. */
export interface StartKey {
  s: string;
  id: string;
}

export type NewInitiative = Omit<InitiativeRecord, "status">;

export type VolunteerOutcome = "added" | "already" | "closed";

export interface InitiativeStore {
  byIds(ids: readonly string[]): Promise<InitiativeRecord[]>;
  list(
    filter: InitiativeFilter,
    page: Page<StartKey>,
    now: Date,
  ): Promise<{ rows: InitiativeRecord[]; total: number }>;
  create(initiative: NewInitiative): Promise<InitiativeRecord>;
  cancel(id: string): Promise<InitiativeRecord | null>;
  volunteerCounts(ids: readonly string[]): Promise<Map<string, number>>;
  /** The initiatives among `ids` the account has volunteered for. */
  volunteeredBy(accountId: string, ids: readonly string[]): Promise<Set<string>>;
  /** Adds the volunteer if the call is open and not full, atomically with the capacity check. */
  addVolunteer(initiativeId: string, accountId: string, now: Date): Promise<VolunteerOutcome>;
  removeVolunteer(initiativeId: string, accountId: string): Promise<boolean>;
  /** The map: published initiatives not yet over, located in the box. */
  countInBox(box: Box, now: Date): Promise<number>;
  pointsInBox(box: Box, now: Date, limit: number): Promise<InitiativeRecord[]>;
  clustersInBox(box: Box, now: Date, grid: number): Promise<GridCluster[]>;
}
