import { type Xy, insidePolygon, rectangle } from './geo.js';

/**
 * The sample district, modelled on the Kangbashi new town (康巴什区, Ordos): a street grid north of the
 * Wulanmulun river (乌兰木伦河) with a strip of the south bank. Coordinates are metres in the local frame
 * of `geo.ts` (x east, y north of 109.78 E, 39.61 N). Street names are generic grid names (经/纬), not a
 * copy of the real street plan.
 */
export const DISTRICT_NAME = '康巴什区';

/** District outline, counter-clockwise from the south-west corner (south bank to the northern hills). */
export const OUTLINE: readonly Xy[] = [
  [-4600, -2500],
  [-1500, -2650],
  [2200, -2550],
  [4700, -2350],
  [4900, 800],
  [4500, 3900],
  [1000, 4200],
  [-2500, 4050],
  [-4800, 3600],
  [-4900, 500],
];

export interface GridLine {
  name: string;
  /** x of a north–south avenue or y of an east–west street. */
  at: number;
  arterial: boolean;
}

/** North–south avenues (经), west to east, ~900 m apart. */
export const AVENUES: readonly GridLine[] = [
  { name: '经一路', at: -3600, arterial: true },
  { name: '经二路', at: -2700, arterial: false },
  { name: '经三路', at: -1800, arterial: false },
  { name: '经四路', at: -900, arterial: false },
  { name: '中央大道', at: 0, arterial: true },
  { name: '经六路', at: 900, arterial: false },
  { name: '经七路', at: 1800, arterial: false },
  { name: '经八路', at: 2700, arterial: false },
  { name: '经九路', at: 3600, arterial: true },
];

/** East–west streets (纬), south (riverside) to north, 750 m apart. */
export const STREETS: readonly GridLine[] = [
  { name: '滨河路', at: -1250, arterial: true },
  { name: '纬一路', at: -500, arterial: false },
  { name: '纬二路', at: 250, arterial: false },
  { name: '纬三路', at: 1000, arterial: true },
  { name: '纬四路', at: 1750, arterial: false },
  { name: '纬五路', at: 2500, arterial: false },
  { name: '纬六路', at: 3250, arterial: false },
];

/** The south-bank road the bridges land on. */
export const SOUTH_BANK_ROAD: GridLine = { name: '南岸路', at: -2050, arterial: true };

/** One block-long piece of street between two intersections. */
export interface StreetEdge {
  id: string;
  street: string;
  arterial: boolean;
  axis: 'ns' | 'ew';
  a: Xy;
  b: Xy;
  /** The cross streets at `a` and `b`. */
  between: [string, string];
}

/** Every block edge of the grid, avenues first (south → north), then streets (west → east). */
export function gridEdges(): StreetEdge[] {
  const edges: StreetEdge[] = [];
  AVENUES.forEach((av, i) => {
    for (let k = 1; k < STREETS.length; k++) {
      const a: Xy = [av.at, STREETS[k - 1].at];
      const b: Xy = [av.at, STREETS[k].at];
      const between: [string, string] = [STREETS[k - 1].name, STREETS[k].name];
      edges.push({
        id: `NS${i + 1}-${k}`,
        street: av.name,
        arterial: av.arterial,
        axis: 'ns',
        a,
        b,
        between,
      });
    }
  });
  STREETS.forEach((st, j) => {
    for (let k = 1; k < AVENUES.length; k++) {
      const a: Xy = [AVENUES[k - 1].at, st.at];
      const b: Xy = [AVENUES[k].at, st.at];
      const between: [string, string] = [AVENUES[k - 1].name, AVENUES[k].name];
      edges.push({
        id: `EW${j + 1}-${k}`,
        street: st.name,
        arterial: st.arterial,
        axis: 'ew',
        a,
        b,
        between,
      });
    }
  });
  return edges;
}

/**
 * Centreline of the Wulanmulun river, west to east, ~400 m south of the riverside road. The gentle
 * meander keeps bridge lengths different from one another.
 */
export function riverCentreline(): Xy[] {
  const points: Xy[] = [];
  for (let x = -5200; x <= 5200; x += 400) points.push([x, riverY(x)]);
  return points;
}

export function riverY(x: number): number {
  return -1650 + 110 * Math.sin(x / 1500 + 0.6);
}

/** Half the water-surface width at `x` (the river widens into the town lake reaches). */
export function riverHalfWidth(x: number): number {
  return 150 + 40 * Math.sin(x / 900);
}

export interface Subdistrict {
  name: string;
  ring: Xy[];
}

/** Four street offices (街道) splitting the town at 中央大道 and 纬三路. */
export const SUBDISTRICTS: readonly Subdistrict[] = [
  { name: '滨河街道', ring: rectangle(-4000, -2300, 0, 1000) },
  { name: '康新街道', ring: rectangle(0, -2300, 4000, 1000) },
  { name: '哈巴格希街道', ring: rectangle(-4000, 1000, 0, 3700) },
  { name: '青春山街道', ring: rectangle(0, 1000, 4000, 3700) },
];

/** The street office a point lies in (nearest quadrant for points on the edge of the town). */
export function subdistrictAt(p: Xy): string {
  const hit = SUBDISTRICTS.find((s) => insidePolygon(p, s.ring));
  if (hit) return hit.name;
  const east = p[0] >= 0;
  const north = p[1] >= 1000;
  return SUBDISTRICTS[(north ? 2 : 0) + (east ? 1 : 0)].name;
}

/**
 * The older settlement in the south-west, built before the new town (1995–2005 pipes): the one place
 * where grey cast iron and bare steel are still in the ground.
 */
export function inOldSettlement(p: Xy): boolean {
  return p[0] <= -1800 && p[1] <= 250;
}
