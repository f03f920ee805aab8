// Where a dataset's rows come from: the subgraphs that own the data, asked through their GraphQL APIs.
import type { Row } from "../domain/catalog.ts";

export interface DatasetRows {
  rows: Row[];
}

export interface DatasetSource {
  /** The rows of one dataset of the catalogue, as published (already stripped of anything personal). */
  rows(datasetId: string): Promise<Row[]>;
}
