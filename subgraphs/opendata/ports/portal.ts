// The city's open-data portal (Opendatasoft), as the publication needs it.
import type { DatasetDefinition } from "../domain/catalog.ts";

export interface PortalDatasetMetadata {
  title: string;
  description: string;
  keywords: readonly string[];
  licence: string;
  publisher: string;
  frequency: string;
}

export interface PortalPublication {
  portalDatasetUid: string;
  portalResourceUid: string;
}

export interface OpenDataPortal {
  /**
   * Makes the portal's dataset `dataset.id` hold this CSV file and these metadata, and republishes it. Idempotent:
   * the dataset is found by its identifier and its resource by its title (or the uids `known` from a previous
   * publication), so a repeated or resumed call updates them instead of creating others.
   */
  publish(
    dataset: DatasetDefinition,
    metadata: PortalDatasetMetadata,
    csv: Buffer,
    known: PortalPublication | null,
  ): Promise<PortalPublication>;
}
