import {
  AVENUES,
  DISTRICT_NAME,
  OUTLINE,
  SOUTH_BANK_ROAD,
  STREETS,
  SUBDISTRICTS,
  riverCentreline,
  riverHalfWidth,
} from './district.js';
import { type Xy, closedRing, toLonLat } from './geo.js';
import { CROWDED_PLACES } from './landmarks.js';
import type { FeatureCollection, MapFeature } from './types.js';

/**
 * The console's offline base map (`district.geojson`): district outline, street offices, streets, the
 * river and the crowded places — everything the map draws under the assets, with no tiles to fetch.
 */
export function districtMap(): FeatureCollection<MapFeature> {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [closedRing(OUTLINE)] },
        properties: { kind: 'district', name: DISTRICT_NAME },
      },
      ...SUBDISTRICTS.map((s): MapFeature => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [closedRing(s.ring)] },
        properties: { kind: 'subdistrict', name: s.name },
      })),
      riverSurface(),
      river(),
      ...streets(),
      ...CROWDED_PLACES.map((p): MapFeature => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: toLonLat(p.at) },
        properties: { kind: 'poi', name: p.name, category: p.kind },
      })),
    ],
  };
}

function river(): MapFeature {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: riverCentreline().map(toLonLat) },
    properties: { kind: 'river', name: '乌兰木伦河', role: 'centreline' },
  };
}

/** The water surface as a polygon: the centreline offset north and south by the local half-width. */
function riverSurface(): MapFeature {
  const centre = riverCentreline();
  const north: Xy[] = centre.map(([x, y]) => [x, y + riverHalfWidth(x)]);
  const south: Xy[] = centre.map(([x, y]) => [x, y - riverHalfWidth(x)]);
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [closedRing([...south, ...north.reverse()])] },
    properties: { kind: 'river', name: '乌兰木伦河', role: 'water' },
  };
}

function streets(): MapFeature[] {
  const south = STREETS[0].at;
  const north = STREETS[STREETS.length - 1].at;
  const west = AVENUES[0].at;
  const east = AVENUES[AVENUES.length - 1].at;
  const street = (name: string, arterial: boolean, line: Xy[]): MapFeature => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: line.map(toLonLat) },
    properties: { kind: 'street', name, class: arterial ? 'arterial' : 'secondary' },
  });
  return [
    ...AVENUES.map((a) =>
      street(a.name, a.arterial, [
        [a.at, south],
        [a.at, north],
      ]),
    ),
    ...STREETS.map((s) =>
      street(s.name, s.arterial, [
        [west, s.at],
        [east, s.at],
      ]),
    ),
    street(SOUTH_BANK_ROAD.name, SOUTH_BANK_ROAD.arterial, [
      [west, SOUTH_BANK_ROAD.at],
      [east, SOUTH_BANK_ROAD.at],
    ]),
  ];
}
