// Démonstration — limites APPROXIMATIVES des communes de l'Eurométropole et des quartiers de Strasbourg.
//
// The real boundaries are published on data.strasbourg.eu; Parvis cannot ship them here, so the demo builds a
// plausible stand-in that has the properties the platform relies on: every quartier polygon contains its seeded
// centroid, quartiers and communes do not overlap, the quartiers of Strasbourg tile exactly the commune of
// Strasbourg, and everything lies inside an outline of the Eurométropole. Construction: a Voronoi diagram of the
// approximate centres of the 32 other communes and of the 11 quartier centroids of Strasbourg, clipped to a rough
// outline of the Eurométropole (the Rhine on the east); Strasbourg is the union of its quartiers' cells. Computed in a local plane (kilometres), rounded to 6 decimals (about 0.1 m) after snapping shared vertices,
// so that neighbouring polygons share their edges exactly. Areas come out of the right order (Strasbourg ≈ 80 km²,
// real 78 km²) but the outlines are NOT the real ones: never use them for anything but a demo.
//
// The open-data simulator serves these same polygons as the `quartiers_elus_2020` dataset, and the seed loads them
// so that quartierAt/communeAt work on a fresh database before any synchronisation.
import { COMMUNES, QUARTIERS, STRASBOURG_INSEE_CODE } from "./directory.ts";

// GeoJSON shapes, [lon, lat] positions: the same as the directory's (structurally), declared here because data/
// is read by the seed and the simulators alike and imports no part of Parvis.
type Position = [number, number];
type Ring = Position[];
interface PolygonGeometry {
  type: "Polygon";
  coordinates: Ring[];
}
interface MultiPolygonGeometry {
  type: "MultiPolygon";
  coordinates: Ring[][];
}
type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Approximate centre (town hall or church) of each commune of the Eurométropole, [lat, lon]. */
export const COMMUNE_CENTRES: Readonly<Record<string, readonly [number, number]>> = {
  "67001": [48.5803, 7.6275], // Achenheim
  "67043": [48.6156, 7.7528], // Bischheim
  "67049": [48.5067, 7.6097], // Blaesheim
  "67065": [48.5811, 7.6036], // Breuschwickersheim
  "67118": [48.5808, 7.6858], // Eckbolsheim
  "67119": [48.6811, 7.6967], // Eckwersheim
  "67124": [48.5347, 7.6378], // Entzheim
  "67131": [48.4886, 7.7158], // Eschau
  "67137": [48.4906, 7.6811], // Fegersheim
  "67152": [48.515, 7.6447], // Geispolsheim
  "67182": [48.5597, 7.615], // Hangenbieten
  "67204": [48.6247, 7.7569], // Hœnheim
  "67212": [48.5578, 7.6439], // Holtzheim
  "67218": [48.5297, 7.7147], // Illkirch-Graffenstaden
  "67247": [48.5606, 7.5894], // Kolbsheim
  "67256": [48.6508, 7.6986], // Lampertheim
  "67267": [48.5575, 7.6828], // Lingolsheim
  "67268": [48.4881, 7.665], // Lipsheim
  "67296": [48.6131, 7.6928], // Mittelhausbergen
  "67309": [48.6408, 7.7139], // Mundolsheim
  "67326": [48.6236, 7.7047], // Niederhausbergen
  "67343": [48.6064, 7.6875], // Oberhausbergen
  "67350": [48.5858, 7.6478], // Oberschaeffolsheim
  "67363": [48.5883, 7.5603], // Osthoffen
  "67365": [48.5433, 7.7097], // Ostwald
  "67378": [48.4639, 7.7244], // Plobsheim
  "67389": [48.6469, 7.7536], // Reichstett
  "67447": [48.6072, 7.7497], // Schiltigheim
  "67471": [48.6347, 7.7425], // Souffelweyersheim
  [STRASBOURG_INSEE_CODE]: [48.5734, 7.7521], // Strasbourg (its area is the union of its quartiers)
  "67506": [48.6683, 7.7083], // Vendenheim
  "67519": [48.6578, 7.8297], // La Wantzenau
  "67551": [48.5878, 7.6658], // Wolfisheim
};

/** A rough outline of the Eurométropole, [lat, lon], clockwise from the north; the Rhine is its eastern side. */
const OUTLINE: readonly (readonly [number, number])[] = [
  [48.705, 7.69],
  [48.7, 7.74],
  [48.69, 7.8],
  [48.68, 7.86],
  [48.62, 7.845],
  [48.59, 7.825],
  [48.568, 7.802],
  [48.53, 7.795],
  [48.49, 7.785],
  [48.45, 7.77],
  [48.445, 7.72],
  [48.47, 7.67],
  [48.49, 7.62],
  [48.51, 7.59],
  [48.55, 7.565],
  [48.585, 7.54],
  [48.61, 7.575],
  [48.63, 7.64],
  [48.67, 7.67],
];

/**
 * How the neighbourhoods are coded and named in the open-data dataset (codes and spellings of the demo dataset;
 * the platform matches them to its quartiers by their name, accents, case and punctuation aside).
 */
export const QUARTIER_DATASET_ENTRIES: Readonly<Record<string, { code: string; name: string }>> = {
  centre: { code: "QE01", name: "CENTRE" },
  "gare-tribunal": { code: "QE02", name: "GARE - TRIBUNAL" },
  "bourse-esplanade-krutenau": { code: "QE03", name: "BOURSE - ESPLANADE - KRUTENAU" },
  "orangerie-conseil-des-xv": { code: "QE04", name: "ORANGERIE - CONSEIL DES XV" },
  "robertsau-wacken": { code: "QE05", name: "ROBERTSAU - WACKEN" },
  cronenbourg: { code: "QE06", name: "CRONENBOURG" },
  "hautepierre-poteries": { code: "QE07", name: "HAUTEPIERRE - POTERIES" },
  "elsau-montagne-verte-koenigshoffen": { code: "QE08", name: "ELSAU - MONTAGNE VERTE - KOENIGSHOFFEN" },
  "neudorf-schluthfeld-port-du-rhin-musau": {
    code: "QE09",
    name: "NEUDORF - SCHLUTHFELD - PORT DU RHIN - MUSAU",
  },
  meinau: { code: "QE10", name: "MEINAU" },
  "neuhof-stockfeld-ganzau": { code: "QE11", name: "NEUHOF - STOCKFELD - GANZAU" },
};

// ---- construction -----------------------------------------------------------------------------------------------

interface Point {
  x: number;
  y: number;
}

const LAT0 = 48.58;
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON = 111.32 * Math.cos((LAT0 * Math.PI) / 180);

const toPlane = ([lat, lon]: readonly [number, number]): Point => ({
  x: lon * KM_PER_DEG_LON,
  y: lat * KM_PER_DEG_LAT,
});

function counterClockwise(points: Point[]): Point[] {
  let twiceArea = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as Point;
    const q = points[(i + 1) % points.length] as Point;
    twiceArea += p.x * q.y - q.x * p.y;
  }
  return twiceArea >= 0 ? points : [...points].reverse();
}

/**
 * Sutherland–Hodgman against one half-plane: keeps the part of a polygon nearer to `site` than `other`. The outline
 * is only mildly concave (the Rhine), so no cell is cut in two pieces; the tests of the tiling would see it.
 */
function clipNearer(polygon: Point[], site: Point, other: Point): Point[] {
  const mx = (site.x + other.x) / 2;
  const my = (site.y + other.y) / 2;
  const nx = other.x - site.x;
  const ny = other.y - site.y;
  const side = (p: Point) => (p.x - mx) * nx + (p.y - my) * ny;
  const out: Point[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i] as Point;
    const q = polygon[(i + 1) % polygon.length] as Point;
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push({ x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
    }
  }
  return out;
}

/** Snaps vertices closer than 1 m to one canonical position, then rounds to 6 decimals of a degree. */
function createSnapper() {
  const seen: Position[] = [];
  return (p: Point): Position => {
    const lon = p.x / KM_PER_DEG_LON;
    const lat = p.y / KM_PER_DEG_LAT;
    for (const known of seen) {
      if (Math.abs(known[0] - lon) < 1e-5 && Math.abs(known[1] - lat) < 1e-5) return known;
    }
    const position: Position = [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
    seen.push(position);
    return position;
  };
}

/** Closed ring without repeated consecutive positions. */
function toRing(cell: Point[], snap: (p: Point) => Position): Ring {
  const ring: Ring = [];
  for (const p of cell) {
    const position = snap(p);
    const last = ring.at(-1);
    if (!last || last[0] !== position[0] || last[1] !== position[1]) ring.push(position);
  }
  const first = ring[0] as Position;
  const last = ring.at(-1) as Position;
  if (first[0] === last[0] && first[1] === last[1]) ring.pop();
  ring.push(first);
  return ring;
}

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Union of rings that tile a region edge to edge: the edges used once are its outline. */
function unionOfTiles(rings: Ring[]): AreaGeometry {
  const edges = new Map<string, [Position, Position]>();
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i] as Position;
      const b = ring[i + 1] as Position;
      const reverse = `${key(b)}>${key(a)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${key(a)}>${key(b)}`, [a, b]);
    }
  }
  const next = new Map<string, Position>();
  for (const [a, b] of edges.values()) next.set(key(a), b);
  const outlines: Ring[] = [];
  const used = new Set<string>();
  for (const [a] of edges.values()) {
    if (used.has(key(a))) continue;
    const ring: Ring = [a];
    let current = a;
    for (;;) {
      used.add(key(current));
      const following = next.get(key(current));
      if (!following) throw new Error("geography: the union of the quartiers does not close");
      ring.push(following);
      if (key(following) === key(a)) break;
      current = following;
    }
    outlines.push(ring);
  }
  if (outlines.length === 1) return { type: "Polygon", coordinates: outlines };
  return { type: "MultiPolygon", coordinates: outlines.map((ring) => [ring]) };
}

export interface DemoGeography {
  /** By INSEE code. */
  communes: Map<string, AreaGeometry>;
  /** By quartier slug. */
  quartiers: Map<string, PolygonGeometry>;
}

let built: DemoGeography | undefined;

/** The demo boundaries (computed once; deterministic). */
export function demoGeography(): DemoGeography {
  if (built) return built;
  const outline = counterClockwise(OUTLINE.map(toPlane));
  const sites: { id: string; point: Point }[] = [
    ...COMMUNES.filter((commune) => commune.inseeCode !== STRASBOURG_INSEE_CODE).map((commune) => {
      const centre = COMMUNE_CENTRES[commune.inseeCode];
      if (!centre) throw new Error(`geography: no centre for commune ${commune.inseeCode}`);
      return { id: `commune:${commune.inseeCode}`, point: toPlane(centre) };
    }),
    ...QUARTIERS.map((quartier) => ({
      id: `quartier:${quartier.slug}`,
      point: toPlane([quartier.centroidLat, quartier.centroidLon]),
    })),
  ];
  const snap = createSnapper();
  const rings = new Map<string, Ring>();
  for (const site of sites) {
    let cell = outline;
    for (const other of sites) if (other !== site) cell = clipNearer(cell, site.point, other.point);
    rings.set(site.id, toRing(cell, snap));
  }
  const communes = new Map<string, AreaGeometry>();
  const quartiers = new Map<string, PolygonGeometry>();
  for (const [id, ring] of rings) {
    const [kind, code] = id.split(":") as [string, string];
    if (kind === "commune") communes.set(code, { type: "Polygon", coordinates: [ring] });
    else quartiers.set(code, { type: "Polygon", coordinates: [ring] });
  }
  communes.set(
    STRASBOURG_INSEE_CODE,
    unionOfTiles([...quartiers.values()].map((polygon) => polygon.coordinates[0] as Ring)),
  );
  built = { communes, quartiers };
  return built;
}
