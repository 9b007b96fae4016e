import {
  ORIGIN,
  closedRing,
  distanceToPolyline,
  insidePolygon,
  polylineLength,
  rectangle,
  signedArea2,
  toLonLat,
  toXy,
} from './geo.js';

describe('local metric frame', () => {
  it('maps the origin to 109.78 E 39.61 N and round-trips within 0.2 m', () => {
    expect(toLonLat([0, 0])).toEqual([ORIGIN.lon, ORIGIN.lat]);
    for (const p of [
      [1000, -2000],
      [-4500, 3900],
      [12.3, 45.6],
    ] as const) {
      const [x, y] = toXy(toLonLat(p));
      expect(Math.hypot(x - p[0], y - p[1])).toBeLessThan(0.2);
    }
  });

  it('puts 1 km north about 0.009° of latitude and 1 km east about 0.0117° of longitude', () => {
    const [lon, lat] = toLonLat([1000, 1000]);
    expect(lat - ORIGIN.lat).toBeCloseTo(0.00905, 4);
    expect(lon - ORIGIN.lon).toBeCloseTo(0.01168, 4);
  });

  it('measures lines and distances to them', () => {
    expect(
      polylineLength([
        [0, 0],
        [300, 0],
        [300, 400],
      ]),
    ).toBe(700);
    expect(
      distanceToPolyline(
        [150, 60],
        [
          [0, 0],
          [300, 0],
        ],
      ),
    ).toBe(60);
    expect(
      distanceToPolyline(
        [-30, 40],
        [
          [0, 0],
          [300, 0],
        ],
      ),
    ).toBe(50);
  });

  it('closes rings counter-clockwise whatever the input winding (RFC 7946 §3.1.6)', () => {
    const square = rectangle(0, 0, 100, 100);
    for (const input of [square, [...square].reverse()]) {
      const ring = closedRing(input);
      expect(ring).toHaveLength(5);
      expect(ring[0]).toEqual(ring[4]);
      expect(signedArea2(ring.map(toXy))).toBeGreaterThan(0);
    }
  });

  it('tests points against polygons', () => {
    const square = rectangle(0, 0, 100, 100);
    expect(insidePolygon([50, 50], square)).toBe(true);
    expect(insidePolygon([150, 50], square)).toBe(false);
  });
});
