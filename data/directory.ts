// Données de démonstration du répertoire : les 33 communes de l'Eurométropole de Strasbourg (codes INSEE officiels,
// périmètre en vigueur depuis le 1er janvier 2017) et les quartiers de la ville de Strasbourg.
// Les identifiants ne sont pas ici : ils sont générés (UUIDv7) à la première insertion, puis conservés, car le
// seed retrouve chaque ligne par sa clé naturelle (code INSEE, slug).

export interface CommuneSeed {
  /** Code officiel géographique (COG) de l'INSEE. */
  inseeCode: string;
  name: string;
}

export interface QuartierSeed {
  slug: string;
  name: string;
  communeInseeCode: string;
  /** Point central approximatif (WGS 84), pour situer le quartier sur une carte. */
  centroidLat: number;
  centroidLon: number;
}

export const STRASBOURG_INSEE_CODE = "67482";

export const COMMUNES: readonly CommuneSeed[] = [
  { inseeCode: "67001", name: "Achenheim" },
  { inseeCode: "67043", name: "Bischheim" },
  { inseeCode: "67049", name: "Blaesheim" },
  { inseeCode: "67065", name: "Breuschwickersheim" },
  { inseeCode: "67118", name: "Eckbolsheim" },
  { inseeCode: "67119", name: "Eckwersheim" },
  { inseeCode: "67124", name: "Entzheim" },
  { inseeCode: "67131", name: "Eschau" },
  { inseeCode: "67137", name: "Fegersheim" },
  { inseeCode: "67152", name: "Geispolsheim" },
  { inseeCode: "67182", name: "Hangenbieten" },
  { inseeCode: "67204", name: "Hœnheim" },
  { inseeCode: "67212", name: "Holtzheim" },
  { inseeCode: "67218", name: "Illkirch-Graffenstaden" },
  { inseeCode: "67247", name: "Kolbsheim" },
  { inseeCode: "67256", name: "Lampertheim" },
  { inseeCode: "67267", name: "Lingolsheim" },
  { inseeCode: "67268", name: "Lipsheim" },
  { inseeCode: "67296", name: "Mittelhausbergen" },
  { inseeCode: "67309", name: "Mundolsheim" },
  { inseeCode: "67326", name: "Niederhausbergen" },
  { inseeCode: "67343", name: "Oberhausbergen" },
  { inseeCode: "67350", name: "Oberschaeffolsheim" },
  { inseeCode: "67363", name: "Osthoffen" },
  { inseeCode: "67365", name: "Ostwald" },
  { inseeCode: "67378", name: "Plobsheim" },
  { inseeCode: "67389", name: "Reichstett" },
  { inseeCode: "67447", name: "Schiltigheim" },
  { inseeCode: "67471", name: "Souffelweyersheim" },
  { inseeCode: STRASBOURG_INSEE_CODE, name: "Strasbourg" },
  { inseeCode: "67506", name: "Vendenheim" },
  { inseeCode: "67519", name: "La Wantzenau" },
  { inseeCode: "67551", name: "Wolfisheim" },
];

/**
 * Les quartiers de Strasbourg tels que la ville les regroupe pour ses conseils de quartier et ses mairies de
 * quartier. Centroïdes approximatifs, à quelques centaines de mètres près (la cathédrale est à 48,5818 N, 7,7510 E).
 */
export const QUARTIERS: readonly QuartierSeed[] = [
  { slug: "centre", name: "Centre", centroidLat: 48.5822, centroidLon: 7.7479 },
  {
    slug: "bourse-esplanade-krutenau",
    name: "Bourse-Esplanade-Krutenau",
    centroidLat: 48.5789,
    centroidLon: 7.7643,
  },
  { slug: "gare-tribunal", name: "Gare-Tribunal", centroidLat: 48.5868, centroidLon: 7.7378 },
  {
    slug: "orangerie-conseil-des-xv",
    name: "Orangerie-Conseil des XV",
    centroidLat: 48.5921,
    centroidLon: 7.7725,
  },
  { slug: "robertsau-wacken", name: "Robertsau-Wacken", centroidLat: 48.6063, centroidLon: 7.7806 },
  { slug: "cronenbourg", name: "Cronenbourg", centroidLat: 48.5957, centroidLon: 7.7196 },
  { slug: "hautepierre-poteries", name: "Hautepierre-Poteries", centroidLat: 48.5915, centroidLon: 7.6952 },
  {
    slug: "elsau-montagne-verte-koenigshoffen",
    name: "Elsau-Montagne Verte-Koenigshoffen",
    centroidLat: 48.5786,
    centroidLon: 7.7162,
  },
  {
    slug: "neudorf-schluthfeld-port-du-rhin-musau",
    name: "Neudorf-Schluthfeld-Port du Rhin-Musau",
    centroidLat: 48.5667,
    centroidLon: 7.7668,
  },
  { slug: "meinau", name: "Meinau", centroidLat: 48.5523, centroidLon: 7.7497 },
  {
    slug: "neuhof-stockfeld-ganzau",
    name: "Neuhof-Stockfeld-Ganzau",
    centroidLat: 48.5418,
    centroidLon: 7.7706,
  },
].map((quartier) => ({ ...quartier, communeInseeCode: STRASBOURG_INSEE_CODE }));
