// Real streets of Strasbourg and of the Eurométropole's communes (and a few outside it, so that refusals can be
// tested), with house numbers placed along each street. The street names, postcodes and INSEE codes are real; the
// positions are interpolated between two points of each street's axis, read off the map to about a hundred
// metres — good enough to fall in the right commune and quartier, not a copy of the Base Adresse Nationale's
// official points. Used only by the simulator.

export interface SimulatedAddress {
  /** BAN's id: <citycode>_<street key>_<number padded to 5>. */
  id: string;
  housenumber: string;
  street: string;
  postcode: string;
  citycode: string;
  city: string;
  lat: number;
  lon: number;
}

type Point = readonly [number, number];

interface Street {
  street: string;
  postcode: string;
  citycode: string;
  city: string;
  from: Point;
  to: Point;
  /** Highest house number; numbers 1, 1 + step, … are generated up to it. */
  last: number;
  step: number;
}

const STRASBOURG = "67482";

/** [street, postcode, from, to, last number, step] for Strasbourg. */
const STRASBOURG_STREETS: [string, string, Point, Point, number, number][] = [
  ["Place Kléber", "67000", [48.5838, 7.7452], [48.5829, 7.7463], 30, 4],
  ["Rue des Grandes Arcades", "67000", [48.5837, 7.7466], [48.5811, 7.7478], 60, 6],
  ["Rue du Vieux-Marché-aux-Poissons", "67000", [48.5808, 7.7497], [48.5788, 7.75], 40, 5],
  ["Rue Mercière", "67000", [48.581, 7.7486], [48.5814, 7.7502], 20, 3],
  ["Grand'Rue", "67000", [48.5806, 7.7465], [48.5803, 7.74], 130, 12],
  ["Rue du Dôme", "67000", [48.5846, 7.7497], [48.5823, 7.75], 40, 5],
  ["Rue des Hallebardes", "67000", [48.5815, 7.7485], [48.582, 7.7503], 40, 6],
  ["Place de la Cathédrale", "67000", [48.582, 7.7503], [48.5814, 7.7511], 30, 4],
  ["Quai des Bateliers", "67000", [48.5803, 7.7522], [48.5825, 7.7568], 60, 6],
  ["Quai Saint-Nicolas", "67000", [48.5785, 7.7487], [48.5796, 7.7523], 30, 4],
  ["Rue de la Division Leclerc", "67000", [48.5801, 7.7461], [48.5793, 7.75], 50, 6],
  ["Rue du 22 Novembre", "67000", [48.5829, 7.7447], [48.582, 7.741], 50, 6],
  ["Rue du Faubourg de Saverne", "67000", [48.5848, 7.742], [48.585, 7.737], 50, 6],
  ["Rue du Vieux-Marché-aux-Vins", "67000", [48.5831, 7.744], [48.583, 7.74], 40, 5],
  ["Rue de la Nuée-Bleue", "67000", [48.5858, 7.7495], [48.584, 7.7485], 40, 5],
  ["Quai Kléber", "67000", [48.585, 7.742], [48.5862, 7.747], 30, 4],
  ["Place de la Gare", "67000", [48.5849, 7.7352], [48.5842, 7.7362], 20, 3],
  ["Boulevard du Président Wilson", "67000", [48.587, 7.737], [48.5855, 7.7415], 40, 5],
  ["Rue du Faubourg National", "67000", [48.5818, 7.739], [48.58, 7.733], 60, 6],
  ["Boulevard de la Victoire", "67000", [48.5825, 7.758], [48.5787, 7.7623], 40, 5],
  ["Rue de Zurich", "67000", [48.5803, 7.756], [48.5782, 7.7583], 40, 5],
  ["Rue de la Krutenau", "67000", [48.5796, 7.756], [48.579, 7.76], 40, 5],
  ["Boulevard Clemenceau", "67000", [48.591, 7.7445], [48.589, 7.756], 40, 5],
  ["Avenue des Vosges", "67000", [48.5935, 7.745], [48.5925, 7.759], 80, 8],
  ["Allée de la Robertsau", "67000", [48.589, 7.761], [48.598, 7.772], 80, 8],
  ["Rue Boecklin", "67000", [48.599, 7.773], [48.609, 7.781], 120, 12],
  ["Avenue du Rhin", "67100", [48.5755, 7.756], [48.5735, 7.777], 100, 10],
  ["Route du Rhin", "67100", [48.5712, 7.772], [48.5705, 7.794], 60, 6],
  ["Route du Polygone", "67100", [48.567, 7.758], [48.5595, 7.77], 120, 12],
  ["Route de la Meinau", "67100", [48.566, 7.7525], [48.548, 7.75], 200, 20],
  ["Avenue de Colmar", "67100", [48.569, 7.7495], [48.548, 7.7445], 200, 20],
  ["Rue du Neufeld", "67100", [48.565, 7.761], [48.563, 7.77], 60, 6],
  ["Rue de Rathsamhausen", "67100", [48.561, 7.756], [48.556, 7.76], 60, 6],
  ["Route de Schirmeck", "67200", [48.576, 7.73], [48.57, 7.703], 200, 20],
  ["Route des Romains", "67200", [48.58, 7.73], [48.581, 7.695], 200, 20],
  ["Route d'Oberhausbergen", "67200", [48.59, 7.73], [48.5985, 7.708], 120, 12],
  ["Route de Mittelhausbergen", "67200", [48.596, 7.73], [48.605, 7.715], 100, 10],
];

/** Streets of other communes of the Eurométropole: [street, postcode, citycode, city, from, to, last, step]. */
const COMMUNE_STREETS: [string, string, string, string, Point, Point, number, number][] = [
  ["Route de Bischwiller", "67300", "67447", "Schiltigheim", [48.606, 7.753], [48.613, 7.757], 120, 12],
  ["Route du Général de Gaulle", "67300", "67447", "Schiltigheim", [48.6, 7.748], [48.612, 7.751], 100, 10],
  ["Route de Bischwiller", "67800", "67043", "Bischheim", [48.614, 7.758], [48.622, 7.762], 120, 12],
  ["Route de Lyon", "67400", "67218", "Illkirch-Graffenstaden", [48.533, 7.727], [48.52, 7.72], 200, 20],
  ["Rue de l'Église", "67204", "67001", "Achenheim", [48.5806, 7.627], [48.5812, 7.6285], 20, 3],
  ["Rue de l'Église", "67201", "67118", "Eckbolsheim", [48.5811, 7.6852], [48.5818, 7.6866], 20, 3],
  ["Rue de l'Église", "67810", "67212", "Holtzheim", [48.558, 7.6432], [48.5586, 7.6446], 20, 3],
  ["Rue de l'Église", "67202", "67551", "Wolfisheim", [48.5881, 7.6651], [48.5887, 7.6665], 20, 3],
  ["Rue de l'Église", "67205", "67343", "Oberhausbergen", [48.6067, 7.6868], [48.6073, 7.6882], 20, 3],
  ["Rue de l'Église", "67380", "67267", "Lingolsheim", [48.5578, 7.6821], [48.5584, 7.6835], 20, 3],
  ["Rue de l'Église", "67540", "67365", "Ostwald", [48.5436, 7.709], [48.5442, 7.7104], 20, 3],
  ["Rue de l'Église", "67114", "67131", "Eschau", [48.4889, 7.7151], [48.4895, 7.7165], 20, 3],
  ["Rue de l'Église", "67550", "67506", "Vendenheim", [48.6686, 7.7076], [48.6692, 7.709], 20, 3],
  ["Rue de l'Église", "67610", "67519", "La Wantzenau", [48.6581, 7.829], [48.6587, 7.8304], 20, 3],
  ["Rue Principale", "67120", "67247", "Kolbsheim", [48.5603, 7.5887], [48.5609, 7.5901], 40, 4],
  ["Rue Principale", "67980", "67182", "Hangenbieten", [48.56, 7.6143], [48.5606, 7.6157], 40, 4],
  ["Rue Principale", "67112", "67065", "Breuschwickersheim", [48.5814, 7.6029], [48.582, 7.6043], 40, 4],
];

/** Outside the Eurométropole: what a national address base also answers. */
const ELSEWHERE: [string, string, string, string, Point, Point, number, number][] = [
  ["Grand'Rue", "68000", "68066", "Colmar", [48.0768, 7.3585], [48.0752, 7.3592], 60, 6],
  ["Grand'Rue", "67500", "67180", "Haguenau", [48.8163, 7.7865], [48.8158, 7.794], 150, 15],
  ["Rue de Rivoli", "75001", "75101", "Paris", [48.8635, 2.3328], [48.8594, 2.3434], 200, 20],
];

function keyOf(street: string): string {
  return street
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

function expand(street: Street): SimulatedAddress[] {
  const numbers: number[] = [];
  for (let number = 1; number <= street.last; number += street.step) numbers.push(number);
  return numbers.map((number, index) => {
    const t = numbers.length === 1 ? 0 : index / (numbers.length - 1);
    const lat = street.from[0] + (street.to[0] - street.from[0]) * t;
    const lon = street.from[1] + (street.to[1] - street.from[1]) * t;
    return {
      id: `${street.citycode}_${keyOf(street.street)}_${String(number).padStart(5, "0")}`,
      housenumber: String(number),
      street: street.street,
      postcode: street.postcode,
      citycode: street.citycode,
      city: street.city,
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
    };
  });
}

export function simulatedAddresses(): SimulatedAddress[] {
  const streets: Street[] = [
    ...STRASBOURG_STREETS.map(([street, postcode, from, to, last, step]) => ({
      street,
      postcode,
      citycode: STRASBOURG,
      city: "Strasbourg",
      from,
      to,
      last,
      step,
    })),
    ...[...COMMUNE_STREETS, ...ELSEWHERE].map(([street, postcode, citycode, city, from, to, last, step]) => ({
      street,
      postcode,
      citycode,
      city,
      from,
      to,
      last,
      step,
    })),
  ];
  return streets.flatMap(expand);
}
