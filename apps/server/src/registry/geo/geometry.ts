/**
 * GeoJSON geometries as the registry stores them (RFC 7946 §3.1), WGS 84 lon/lat. Pure functions:
 * validation that names the first offending position, and line length by haversine.
 */
export const GEOMETRY_TYPES = ['Point', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

export interface Geometry {
  type: GeometryType;
  coordinates: unknown;
}

type Position = [number, number, ...number[]];

/** Why `value` is not an acceptable geometry, or null when it is. */
export function geometryProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'must be a GeoJSON geometry object';
  const { type, coordinates } = value as Record<string, unknown>;
  if (!(GEOMETRY_TYPES as readonly unknown[]).includes(type))
    return `type must be one of ${GEOMETRY_TYPES.join(', ')}`;
  switch (type as GeometryType) {
    case 'Point':
      return positionProblem(coordinates, 'coordinates');
    case 'LineString':
      return lineProblem(coordinates, 'coordinates');
    case 'MultiLineString':
      return listProblem(coordinates, 'coordinates', 1, lineProblem);
    case 'Polygon':
      return polygonProblem(coordinates, 'coordinates');
    case 'MultiPolygon':
      return listProblem(coordinates, 'coordinates', 1, polygonProblem);
  }
}

function positionProblem(p: unknown, path: string): string | null {
  // RFC 7946 §3.1.1: longitude, latitude, optionally altitude.
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return `${path} must be a [lon, lat] position`;
  if (!p.every((n) => typeof n === 'number' && Number.isFinite(n))) return `${path} must hold finite numbers`;
  const [lon, lat] = p as number[];
  if (lon < -180 || lon > 180) return `${path}[0] longitude must be within [-180, 180]`;
  if (lat < -90 || lat > 90) return `${path}[1] latitude must be within [-90, 90]`;
  return null;
}

function listProblem(
  v: unknown,
  path: string,
  min: number,
  item: (x: unknown, path: string) => string | null,
): string | null {
  if (!Array.isArray(v) || v.length < min) return `${path} must be an array of at least ${min}`;
  for (let i = 0; i < v.length; i++) {
    const problem = item(v[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/** RFC 7946 §3.1.4: two or more positions. */
function lineProblem(v: unknown, path: string): string | null {
  return listProblem(v, path, 2, positionProblem);
}

/** RFC 7946 §3.1.6: rings of four or more positions whose first and last are the same. */
function ringProblem(v: unknown, path: string): string | null {
  const problem = listProblem(v, path, 4, positionProblem);
  if (problem) return problem;
  const ring = v as number[][];
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return first[0] === last[0] && first[1] === last[1]
    ? null
    : `${path} must be closed (first position = last)`;
}

function polygonProblem(v: unknown, path: string): string | null {
  return listProblem(v, path, 1, ringProblem);
}

/** Mean Earth radius in metres (IUGG R1), the usual haversine constant. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two lon/lat positions. */
export function haversineM(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function pathLengthM(line: Position[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += haversineM(line[i - 1], line[i]);
  return total;
}

/** Length in metres (0.1 m) of a valid LineString or MultiLineString; undefined for other types. */
export function lineLengthM(geometry: Geometry): number | undefined {
  let metres: number;
  if (geometry.type === 'LineString') metres = pathLengthM(geometry.coordinates as Position[]);
  else if (geometry.type === 'MultiLineString')
    metres = (geometry.coordinates as Position[][]).reduce((s, l) => s + pathLengthM(l), 0);
  else return undefined;
  return Math.round(metres * 10) / 10;
}
