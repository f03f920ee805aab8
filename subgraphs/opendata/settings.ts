// The open-data module's settings, read from the platform's configuration (platform/config.ts).
import type { Config } from "../../platform/config.ts";

export interface OpenDataSettings {
  /** Licence of every dataset (a name and the URL the catalogue points to). */
  licence: { name: string; title: string; url: string };
  /** Report cells with fewer reports are not published. */
  minimumCellCount: number;
  /** Absolute base of the URLs the catalogue hands out. */
  publicBaseUrl: string;
  publisher: string;
}

const LICENCES: Record<string, { name: string; title: string; url: string }> = {
  "etalab-2.0": {
    name: "etalab-2.0",
    title: "Licence Ouverte / Open Licence version 2.0",
    url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
  },
  "odbl-1.0": {
    name: "ODbL-1.0",
    title: "Open Database License (ODbL) 1.0",
    url: "https://opendatacommons.org/licenses/odbl/1-0/",
  },
  "cc-by-4.0": {
    name: "CC-BY-4.0",
    title: "Creative Commons Attribution 4.0",
    url: "https://creativecommons.org/licenses/by/4.0/",
  },
};

const LICENCE_OUVERTE = LICENCES["etalab-2.0"] as { name: string; title: string; url: string };

export function openDataSettings(config: Config): OpenDataSettings {
  return {
    licence: LICENCES[config.OPENDATA_LICENSE] ?? LICENCE_OUVERTE,
    minimumCellCount: config.OPENDATA_MIN_CELL_COUNT,
    publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ""),
    publisher: config.OPENDATA_PUBLISHER,
  };
}
