// Frictionless Data Package (https://specs.frictionlessdata.io/data-package/) describing the datasets: each is a
// tabular data resource whose CSV file follows its Table Schema.
import { DATASETS, type DatasetDefinition, tableSchema } from "./catalog.ts";
import { dataPackagePath, downloadPath } from "./distributions.ts";

export interface PackageContext {
  baseUrl: string;
  licence: { title: string; url: string; name: string };
  publisher: string;
}

export function dataResource(dataset: DatasetDefinition, context: PackageContext) {
  return {
    name: dataset.id,
    title: dataset.title,
    description: dataset.description,
    profile: "tabular-data-resource",
    path: `${context.baseUrl}${downloadPath(dataset, "csv")}`,
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    dialect: { delimiter: ",", lineTerminator: "\r\n", quoteChar: '"', doubleQuote: true, header: true },
    schema: tableSchema(dataset),
  };
}

/** The package of one dataset, or of all of them. */
export function dataPackage(context: PackageContext, dataset?: DatasetDefinition) {
  const datasets = dataset ? [dataset] : DATASETS;
  return {
    profile: "tabular-data-package",
    name: dataset ? dataset.id : "parvis",
    id: `${context.baseUrl}${dataPackagePath(dataset)}`,
    title: dataset ? dataset.title : "Parvis : données ouvertes de la participation citoyenne",
    description: dataset
      ? dataset.description
      : "Pétitions, budget participatif, signalements agrégés, annuaire et résultats des consultations, publiés " +
        "sans aucune donnée personnelle.",
    homepage: `${context.baseUrl}/open-data/catalog`,
    licenses: [{ name: context.licence.name, path: context.licence.url, title: context.licence.title }],
    contributors: [{ title: context.publisher, role: "publisher" }],
    keywords: [...new Set(datasets.flatMap((item) => item.keywords))],
    resources: datasets.map((item) => dataResource(item, context)),
  };
}
