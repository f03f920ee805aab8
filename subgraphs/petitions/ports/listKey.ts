/** Keyset of a listing: the sort value of the last row and its id. */
export interface ListKey {
  v: string | number | null;
  id: string;
}
