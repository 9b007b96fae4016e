/**
 * A local metric frame for laying out the district. The sample city is drawn in metres east (x) and
 * north (y) of the Kangbashi town centre and projected to WGS 84 lon/lat (GeoJSON, RFC 7946) with an
 * equirectangular approximation — accurate to well under a metre over a 10 km district.
 */
export type Xy = readonly [number, number];
export type LonLat = [number, number];

/** Kangbashi new-town centre (康巴什区, Ordos), the origin of the local frame. */
export const ORIGIN = { lon: 109.78, lat: 39.61 } as const;

/** Metres per degree at the origin latitude (WGS 84 mean values). */
const M_PER_DEG_LAT = 110_540;
const M_PER_DEG_LON = 111_320 * Math.cos((ORIGIN.lat * Math.PI) / 180);

/** Six decimals ≈ 0.1 m: enough for a registry, and keeps the files small and diff-stable. */
const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

export function toLonLat([x, y]: Xy): LonLat {
  return [round6(ORIGIN.lon + x / M_PER_DEG_LON), round6(ORIGIN.lat + y / M_PER_DEG_LAT)];
}

export function toXy([lon, lat]: readonly [number, number]): Xy {
  return [(lon - ORIGIN.lon) * M_PER_DEG_LON, (lat - ORIGIN.lat) * M_PER_DEG_LAT];
}

export function distance(a: Xy, b: Xy): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

export function polylineLength(points: readonly Xy[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distance(points[i - 1], points[i]);
  return total;
}

/** The point at `fraction` (0–1) of a straight segment. */
export function lerp(a: Xy, b: Xy, fraction: number): Xy {
  return [a[0] + (b[0] - a[0]) * fraction, a[1] + (b[1] - a[1]) * fraction];
}

/** The point at `fraction` of a segment, pushed `side` metres to its left (negative: right). */
export function besideSegment(a: Xy, b: Xy, fraction: number, side: number): Xy {
  const len = distance(a, b) || 1;
  const [px, py] = lerp(a, b, fraction);
  return [px - ((b[1] - a[1]) / len) * side, py + ((b[0] - a[0]) / len) * side];
}

/** Shortest distance from a point to a straight segment. */
export function distanceToSegment(p: Xy, a: Xy, b: Xy): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return distance(p, [a[0] + t * dx, a[1] + t * dy]);
}

/** Shortest distance from a point to a polyline (a single point counts as a degenerate line). */
export function distanceToPolyline(p: Xy, line: readonly Xy[]): number {
  if (line.length === 1) return distance(p, line[0]);
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, distanceToSegment(p, line[i - 1], line[i]));
  return best;
}

/** Twice the signed area of a ring; positive when counter-clockwise (RFC 7946 §3.1.6 exterior rings). */
export function signedArea2(ring: readonly Xy[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** A closed, counter-clockwise lon/lat ring for a GeoJSON Polygon (RFC 7946 §3.1.6 right-hand rule). */
export function closedRing(points: readonly Xy[]): LonLat[] {
  const ccw = signedArea2(points) >= 0 ? [...points] : [...points].reverse();
  const ring = ccw.map(toLonLat);
  ring.push([...ring[0]]);
  return ring;
}

/** An axis-aligned rectangle as four corners, counter-clockwise from south-west. */
export function rectangle(x0: number, y0: number, x1: number, y1: number): Xy[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** Ray-casting point-in-polygon test in the local frame. */
export function insidePolygon(p: Xy, ring: readonly Xy[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
