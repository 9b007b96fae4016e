import { geometryProblem, haversineM, lineLengthM, type Geometry } from './geometry.js';

describe('geometryProblem', () => {
  const ring = [
    [109.78, 39.6],
    [109.79, 39.6],
    [109.79, 39.61],
    [109.78, 39.6],
  ];
  it.each([
    ['a point', { type: 'Point', coordinates: [109.78, 39.6] }],
    ['a point with altitude', { type: 'Point', coordinates: [109.78, 39.6, 1300] }],
    [
      'a line',
      {
        type: 'LineString',
        coordinates: [
          [109.78, 39.6],
          [109.79, 39.61],
        ],
      },
    ],
    [
      'a multi-line',
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [109.78, 39.6],
            [109.79, 39.61],
          ],
        ],
      },
    ],
    ['a polygon', { type: 'Polygon', coordinates: [ring] }],
    ['a multi-polygon', { type: 'MultiPolygon', coordinates: [[ring], [ring]] }],
    [
      'the antimeridian and poles',
      {
        type: 'LineString',
        coordinates: [
          [-180, -90],
          [180, 90],
        ],
      },
    ],
  ])('accepts %s', (_, g) => expect(geometryProblem(g)).toBeNull());

  it.each([
    ['null', null, 'must be a GeoJSON geometry object'],
    ['an array', [1, 2], 'must be a GeoJSON geometry object'],
    ['an unknown type', { type: 'Circle', coordinates: [0, 0] }, 'type must be one of'],
    ['a GeometryCollection', { type: 'GeometryCollection', geometries: [] }, 'type must be one of'],
    [
      'a point without latitude',
      { type: 'Point', coordinates: [109] },
      'coordinates must be a [lon, lat] position',
    ],
    [
      'a string coordinate',
      { type: 'Point', coordinates: ['109', 39] },
      'coordinates must hold finite numbers',
    ],
    ['longitude out of range', { type: 'Point', coordinates: [181, 39] }, 'coordinates[0] longitude'],
    [
      'latitude out of range',
      {
        type: 'LineString',
        coordinates: [
          [109, 39],
          [109, 91],
        ],
      },
      'coordinates[1][1] latitude',
    ],
    [
      'a one-point line',
      { type: 'LineString', coordinates: [[109, 39]] },
      'coordinates must be an array of at least 2',
    ],
    [
      'an open ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      'must be closed',
    ],
    [
      'a short ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
      'at least 4',
    ],
    ['an empty multi-line', { type: 'MultiLineString', coordinates: [] }, 'at least 1'],
  ])('rejects %s', (_, g, message) => expect(geometryProblem(g)).toContain(message));
});

describe('lengths', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(haversineM([0, 0], [0, 1])).toBeCloseTo(111_195, -1);
  });

  it.each<[string, Geometry, number | undefined]>([
    [
      'a line',
      {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [0, 1],
          [0, 2],
        ],
      },
      222_390.1,
    ],
    [
      'a multi-line as the sum of its parts',
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [0, 0],
            [0, 1],
          ],
          [
            [1, 0],
            [1, 1],
          ],
        ],
      },
      222_390.1,
    ],
    ['a point as undefined', { type: 'Point', coordinates: [0, 0] }, undefined],
  ])('measures %s', (_, g, expected) => {
    const got = lineLengthM(g);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(expected, -1);
  });
});
