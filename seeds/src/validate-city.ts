import { REGISTRY_ID_PATTERN } from '#contracts';
import { metricSpec } from '#domain';
import { OUTLINE } from './district.js';
import { type LonLat, signedArea2, toXy } from './geo.js';
import type { AssetFeature, Geometry, SeedCity } from './types.js';

/**
 * Self-check of a generated city, run by `generate` before writing and by the specs: everything the
 * registry import would reject (bad ids, dangling references, metrics outside the catalog, broken GeoJSON)
 * is reported here first, with the offending id.
 */

/** Coordinates must fall inside the district's bounding box plus this margin. */
const MARGIN_M = 500;
const xs = OUTLINE.map((p) => p[0]);
const ys = OUTLINE.map((p) => p[1]);
const BOUNDS = {
  minX: Math.min(...xs) - MARGIN_M,
  maxX: Math.max(...xs) + MARGIN_M,
  minY: Math.min(...ys) - MARGIN_M,
  maxY: Math.max(...ys) + MARGIN_M,
};

function positionProblem(pos: LonLat): string | undefined {
  if (!Array.isArray(pos) || pos.length !== 2 || !pos.every(Number.isFinite))
    return `position ${JSON.stringify(pos)} is not a finite [lon, lat]`;
  const [x, y] = toXy(pos);
  if (x < BOUNDS.minX || x > BOUNDS.maxX || y < BOUNDS.minY || y > BOUNDS.maxY)
    return `position ${JSON.stringify(pos)} lies outside the district`;
  return undefined;
}

/** Problems with one GeoJSON geometry (RFC 7946 §3.1), empty when valid. */
export function geometryProblems(g: Geometry): string[] {
  const problems: string[] = [];
  const check = (positions: LonLat[]): void => {
    for (const p of positions) {
      const problem = positionProblem(p);
      if (problem) problems.push(problem);
    }
  };
  switch (g.type) {
    case 'Point':
      check([g.coordinates]);
      break;
    case 'LineString':
      if (g.coordinates.length < 2) problems.push('a LineString needs at least 2 positions');
      check(g.coordinates);
      break;
    case 'Polygon':
      for (const ring of g.coordinates) {
        const closed =
          ring.length > 0 &&
          ring[0][0] === ring[ring.length - 1][0] &&
          ring[0][1] === ring[ring.length - 1][1];
        if (ring.length < 4 || !closed)
          problems.push('a Polygon ring needs ≥ 4 positions and must be closed');
        check(ring);
      }
      if (g.coordinates.length > 0 && signedArea2(g.coordinates[0].map(toXy)) <= 0)
        problems.push('the exterior ring must be counter-clockwise');
      break;
  }
  return problems;
}

function assetProblems(
  features: readonly AssetFeature[],
  owners: ReadonlyMap<string, readonly string[]>,
): string[] {
  const problems: string[] = [];
  const seen = new Map<string, AssetFeature>();
  for (const f of features) {
    const { id, domain, parentId, ownerUnitId } = f.properties;
    const at = (msg: string): number => problems.push(`asset ${id}: ${msg}`);
    if (!REGISTRY_ID_PATTERN.test(id)) at('id does not match the registry id pattern');
    if (seen.has(id)) at('duplicate id');
    if (!owners.get(ownerUnitId)?.includes(domain)) at(`owner unit ${ownerUnitId} does not serve ${domain}`);
    if (parentId !== undefined) {
      const parent = seen.get(parentId);
      if (!parent) at(`parent ${parentId} is missing or listed after its child`);
      else if (parent.properties.domain !== domain) at(`parent ${parentId} is in another domain`);
    }
    for (const p of geometryProblems(f.geometry)) at(p);
    seen.set(id, f);
  }
  return problems;
}

/** Every problem found in `city`; an empty list means the registry should accept it. */
export function cityProblems(city: SeedCity): string[] {
  const owners = new Map(city.ownerUnits.map((u) => [u.id, u.domains as readonly string[]]));
  const problems = assetProblems(city.assets.features, owners);
  const assets = new Map(city.assets.features.map((f) => [f.properties.id, f.properties]));
  const deviceIds = new Set<string>();
  for (const d of city.devices) {
    const at = (msg: string): number => problems.push(`device ${d.id}: ${msg}`);
    if (!REGISTRY_ID_PATTERN.test(d.id)) at('id does not match the registry id pattern');
    if (deviceIds.has(d.id)) at('duplicate id');
    deviceIds.add(d.id);
    const asset = assets.get(d.assetId);
    if (!asset) at(`asset ${d.assetId} does not exist`);
    else if (asset.domain !== d.domain) at(`asset ${d.assetId} is in another domain`);
    if (d.metrics.length === 0) at('declares no metrics');
    for (const m of d.metrics)
      if (!metricSpec(d.domain, m)) at(`metric ${m} is not in the ${d.domain} catalog`);
    if (!Number.isInteger(d.reportIntervalS) || d.reportIntervalS <= 0)
      at('reportIntervalS must be a positive integer');
  }
  for (const f of city.district.features) {
    for (const p of geometryProblems(f.geometry)) problems.push(`map ${f.properties.name}: ${p}`);
  }
  return problems;
}
