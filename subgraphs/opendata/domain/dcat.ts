// The catalogue in DCAT-AP (the European application profile of W3C DCAT that data portals harvest), as JSON-LD.
// Mandatory properties of DCAT-AP 2/3: the catalogue's dct:title, dct:description, dct:publisher and dcat:dataset;
// each dataset's dct:title and dct:description; each distribution's dcat:accessURL. Recommended ones are given
// too (licence, format, media type, themes, keywords, frequency, contact point, identifiers).
import { DATASETS, type DatasetDefinition } from "./catalog.ts";
import type { PackageContext } from "./dataPackage.ts";
import { dataPackagePath, downloadPath, formatsOf, MEDIA_TYPES } from "./distributions.ts";

const EU = "http://publications.europa.eu/resource/authority";
const IANA = "https://www.iana.org/assignments/media-types";
const FORMAT_URIS = {
  csv: `${EU}/file-type/CSV`,
  json: `${EU}/file-type/JSON`,
  geojson: `${EU}/file-type/GEOJSON`,
};

export const DCAT_CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

const fr = (value: string) => ({ "@value": value, "@language": "fr" });

function publisher(context: PackageContext) {
  return { "@type": "foaf:Agent", "foaf:name": context.publisher };
}

function datasetNode(dataset: DatasetDefinition, context: PackageContext, modified: string | undefined) {
  const uri = `${context.baseUrl}/open-data/datasets/${dataset.id}`;
  return {
    "@id": uri,
    "@type": "dcat:Dataset",
    "dct:identifier": dataset.id,
    "dct:title": fr(dataset.title),
    "dct:description": fr(dataset.description),
    "dcat:keyword": dataset.keywords.map(fr),
    "dcat:theme": { "@id": `${EU}/data-theme/${dataset.theme}` },
    "dct:accrualPeriodicity": { "@id": `${EU}/frequency/${dataset.frequency}` },
    "dct:publisher": publisher(context),
    "dct:language": { "@id": `${EU}/language/FRA` },
    "dct:spatial": { "@id": "http://publications.europa.eu/resource/authority/place/FRA_SXB" },
    "dct:license": { "@id": context.licence.url },
    "dcat:contactPoint": {
      "@type": "vcard:Organization",
      "vcard:fn": context.publisher,
      "vcard:hasURL": { "@id": `${context.baseUrl}/open-data/catalog` },
    },
    "dct:conformsTo": { "@id": `${context.baseUrl}${dataPackagePath(dataset)}` },
    ...(modified ? { "dct:modified": { "@value": modified, "@type": "xsd:dateTime" } } : {}),
    "dcat:distribution": formatsOf(dataset).map((format) => {
      const url = `${context.baseUrl}${downloadPath(dataset, format)}`;
      return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": fr(`${dataset.title} (${format.toUpperCase()})`),
        "dcat:accessURL": { "@id": url },
        "dcat:downloadURL": { "@id": url },
        "dct:format": { "@id": FORMAT_URIS[format] },
        "dcat:mediaType": { "@id": `${IANA}/${MEDIA_TYPES[format]}` },
        "dct:license": { "@id": context.licence.url },
      };
    }),
  };
}

/** The whole catalogue; `modified` gives each dataset's last known change, when known. */
export function dcatCatalog(
  context: PackageContext,
  modified: (datasetId: string) => string | undefined = () => undefined,
) {
  return {
    "@context": DCAT_CONTEXT,
    "@id": `${context.baseUrl}/open-data/catalog`,
    "@type": "dcat:Catalog",
    "dct:title": fr("Parvis : données ouvertes de la participation citoyenne"),
    "dct:description": fr(
      "Les données produites par la participation citoyenne à Strasbourg (pétitions, budget participatif, " +
        "signalements agrégés, annuaire, résultats des consultations), publiées sans aucune donnée permettant " +
        "d'identifier une personne.",
    ),
    "dct:publisher": publisher(context),
    "dct:language": { "@id": `${EU}/language/FRA` },
    "dct:license": { "@id": context.licence.url },
    "foaf:homepage": { "@id": `${context.baseUrl}/open-data/catalog` },
    "dcat:dataset": DATASETS.map((dataset) => datasetNode(dataset, context, modified(dataset.id))),
  };
}
