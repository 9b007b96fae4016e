import type { CrowdedPlaceKind } from '#contracts';
import { type Xy, distanceToPolyline } from './geo.js';

/**
 * Places around the network that drive census attributes (DOMAIN.md §b.1 severity drivers: crowded places;
 * likelihood drivers: third-party construction, subsidence). Positions are chosen so that the attributes
 * follow from geometry rather than being sprinkled at random.
 */
export interface CrowdedPlace {
  name: string;
  kind: CrowdedPlaceKind;
  at: Xy;
}

export const CROWDED_PLACES: readonly CrowdedPlace[] = [
  // 60 m north of the DOMAIN.md §b.3 worked-example main (纬一路, x −3600…−3120).
  { name: '康巴什区第一小学', kind: 'school', at: [-3360, -440] },
  { name: '康巴什区第二小学', kind: 'school', at: [1350, 1060] },
  { name: '康巴什区第三小学', kind: 'school', at: [2280, -440] },
  { name: '康巴什区第一中学', kind: 'school', at: [-1380, 2560] },
  { name: '市中心医院康巴什院区', kind: 'hospital', at: [-870, 1790] },
  { name: '妇幼保健院', kind: 'hospital', at: [2740, 2470] },
  { name: '东方农贸市场', kind: 'market', at: [930, 290] },
  { name: '滨河市场', kind: 'market', at: [-2250, -1210] },
  { name: '康巴什客运站', kind: 'station', at: [3640, -530] },
  { name: '体育中心', kind: 'stadium', at: [-2650, 3290] },
];

/** Census convention: crowded places within 100 m of the asset (CensusAttributes.crowded_places). */
export const CROWDED_RADIUS_M = 100;

/** Kinds of crowded place within 100 m of a line or point, sorted and de-duplicated. */
export function crowdedPlacesNear(shape: readonly Xy[]): CrowdedPlaceKind[] {
  const kinds = CROWDED_PLACES.filter((p) => distanceToPolyline(p.at, shape) <= CROWDED_RADIUS_M).map(
    (p) => p.kind,
  );
  return [...new Set(kinds)].sort();
}

interface Zone {
  name: string;
  at: Xy;
  radiusM: number;
}

/**
 * Third-party works (DOMAIN.md §b.2 ΔL_external counts excavation within 10 m; the census flag marks
 * assets inside an active works zone).
 */
export const CONSTRUCTION_ZONES: readonly Zone[] = [
  { name: '纬四路管网改造工程', at: [2250, 1750], radiusM: 60 },
  { name: '经三路道路拓宽工程', at: [-1800, -125], radiusM: 60 },
  { name: '纬五路地下停车场基坑', at: [-450, 2500], radiusM: 50 },
];

/** Collapsible loess by the river and one backfilled trench: the reported subsidence spots (small on purpose). */
export const SUBSIDENCE_ZONES: readonly Zone[] = [
  { name: '滨河路经二路东路面沉陷', at: [-2250, -1250], radiusM: 25 },
  { name: '经七路纬二路北回填沉降', at: [1800, 625], radiusM: 20 },
];

export function nearZone(shape: readonly Xy[], zones: readonly Zone[]): boolean {
  return zones.some((z) => distanceToPolyline(z.at, shape) <= z.radiusM);
}

/** Low spots where roads pond in heavy rain (DOMAIN.md §a.4 road ponding): underpasses and dips. */
export const LOW_SPOTS: readonly { name: string; at: Xy }[] = [
  { name: '滨河路经二路下穿通道', at: [-2700, -1235] },
  { name: '滨河路中央大道下穿通道', at: [0, -1235] },
  { name: '滨河路经七路路口', at: [1800, -1240] },
  { name: '纬一路经四路下凹段', at: [-900, -510] },
  { name: '纬一路经八路下凹段', at: [2700, -490] },
  { name: '纬二路经一路路口', at: [-3600, 240] },
  { name: '纬二路经六路铁路桥下', at: [900, 260] },
  { name: '纬三路经三路路口', at: [-1800, 990] },
  { name: '纬四路经九路下凹段', at: [3600, 1740] },
  { name: '纬五路中央大道路口', at: [0, 2490] },
];
