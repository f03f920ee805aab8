// A dataset's rows written out as a stream: CSV (RFC 4180: UTF-8, comma, CRLF, fields quoted when they must be,
// header row; written by csv-stringify), JSON (an array of objects) and GeoJSON (a FeatureCollection of points).
// Streams, so that a large dataset is sent as it is written rather than built whole in memory a second time.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import type { DatasetDefinition, Row } from "../domain/catalog.ts";
import type { Format } from "../domain/distributions.ts";

/**
 * A text a spreadsheet would run as a formula (CSV injection: "=HYPERLINK(…)" in a project's title) starts with
 * one of these; such a cell is written with a leading apostrophe, which spreadsheets show as text (OWASP's advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvOptions(dataset: DatasetDefinition) {
  return {
    header: true,
    columns: dataset.fields.map((field) => field.name),
    record_delimiter: "\r\n",
    cast: {
      // Table Schema's boolean lexicon ("true"/"false"), not csv-stringify's default ("1"/"").
      boolean: (value: boolean) => (value ? "true" : "false"),
      string: neutraliseFormula,
    },
  };
}

export function csvStream(dataset: DatasetDefinition, rows: readonly Row[]): Readable {
  return Readable.from(rows).pipe(stringify(csvOptions(dataset)));
}

export function jsonStream(rows: readonly Row[]): Readable {
  return Readable.from(
    (function* () {
      yield "[";
      for (let index = 0; index < rows.length; index++) {
        yield `${index === 0 ? "" : ","}\n${JSON.stringify(rows[index])}`;
      }
      yield "\n]\n";
    })(),
  );
}

export function geoJsonStream(dataset: DatasetDefinition, rows: readonly Row[]): Readable {
  const geometry = dataset.geometry;
  if (!geometry) throw new Error(`${dataset.id} has no geometry`);
  return Readable.from(
    (function* () {
      yield '{"type":"FeatureCollection","features":[';
      for (let index = 0; index < rows.length; index++) {
        const row = rows[index] as Row;
        const lat = row[geometry.lat];
        const lon = row[geometry.lon];
        const feature = {
          type: "Feature",
          id: row.id ?? index,
          geometry:
            typeof lat === "number" && typeof lon === "number"
              ? { type: "Point", coordinates: [lon, lat] }
              : null,
          properties: row,
        };
        yield `${index === 0 ? "" : ","}\n${JSON.stringify(feature)}`;
      }
      yield "\n]}\n";
    })(),
  );
}

export function streamOf(format: Format, dataset: DatasetDefinition, rows: readonly Row[]): Readable {
  if (format === "csv") return csvStream(dataset, rows);
  if (format === "geojson") return geoJsonStream(dataset, rows);
  return jsonStream(rows);
}

/** The whole CSV file at once (for the portal's upload), written exactly as csvStream writes it. */
export function csvBuffer(dataset: DatasetDefinition, rows: readonly Row[]): Buffer {
  return Buffer.from(stringifySync(rows as Row[], csvOptions(dataset)), "utf8");
}
