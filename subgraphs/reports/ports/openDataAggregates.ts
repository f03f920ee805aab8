// The reports as open data: counts per category × quartier × month × status, never a report itself.

export interface ReportAggregateCell {
  categoryCode: string;
  categoryLabel: string;
  /** Directory id of the quartier, null when the report could not be located in one. */
  quartierId: string | null;
  /** Month of submission, `YYYY-MM` (UTC). */
  month: string;
  status: string;
  count: number;
  /** Median time from submission to closure of the cell's closed reports, in hours (one decimal); null if none. */
  medianResolutionHours: number | null;
}

export interface ReportAggregates {
  /** The cells holding at least `minimumCount` reports; smaller cells are left out (small-cell suppression). */
  cells(minimumCount: number): Promise<ReportAggregateCell[]>;
}
