import type { Domain } from '#contracts';
import { DISTRICT_NAME } from './district.js';
import type { DeviceProfile } from './device-profiles.js';
import { type Xy, closedRing, polylineLength, toLonLat } from './geo.js';
import { OWNER_OF } from './owner-units.js';
import type { AssetFeature, AssetKind, SeedAttributes, SeedDevice } from './types.js';

/** Sequential ids per prefix: `GAS-SEG-0001`. Width grows for load-test cities (≥ 10,000 of a kind). */
export class IdAllocator {
  private readonly counters = new Map<string, number>();

  constructor(private readonly width = 4) {}

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(this.width, '0')}`;
  }
}

/** Id prefixes per domain: assets `GAS-SEG-…`, devices `GAS-DEV-…`. */
export const DOMAIN_PREFIX: Readonly<Record<Domain, string>> = {
  gas: 'GAS',
  heating: 'HEAT',
  water: 'WAT',
  drainage: 'DRN',
  bridge: 'BRG',
  tunnel: 'TUN',
};

export interface AssetInput {
  id: string;
  domain: Domain;
  kind: AssetKind;
  name: string;
  parentId?: string;
  attributes: SeedAttributes;
}

function feature(input: AssetInput, geometry: AssetFeature['geometry'], lengthM?: number): AssetFeature {
  const { id, domain, kind, name, parentId, attributes } = input;
  return {
    type: 'Feature',
    geometry,
    properties: {
      id,
      domain,
      kind,
      name,
      district: DISTRICT_NAME,
      ownerUnitId: OWNER_OF[domain],
      ...(parentId === undefined ? {} : { parentId }),
      ...(lengthM === undefined ? {} : { lengthM }),
      attributes,
    },
  };
}

/** A linear asset (pipe, bridge deck, tunnel section); its length is measured from the geometry. */
export function lineAsset(input: AssetInput, line: readonly Xy[]): AssetFeature {
  if (line.length < 2) throw new RangeError(`${input.id}: a line needs at least 2 points`);
  return feature(
    input,
    { type: 'LineString', coordinates: line.map(toLonLat) },
    Math.round(polylineLength(line)),
  );
}

export function pointAsset(input: AssetInput, at: Xy): AssetFeature {
  return feature(input, { type: 'Point', coordinates: toLonLat(at) });
}

export function polygonAsset(input: AssetInput, ring: readonly Xy[]): AssetFeature {
  return feature(input, { type: 'Polygon', coordinates: [closedRing(ring)] });
}

/** A device of `profile` on `assetId`, numbered per domain (`WAT-DEV-0042`). */
export function makeDevice(
  ids: IdAllocator,
  profile: DeviceProfile,
  assetId: string,
  where: string,
): SeedDevice {
  return {
    id: ids.next(`${DOMAIN_PREFIX[profile.domain]}-DEV`),
    domain: profile.domain,
    assetId,
    metrics: [...profile.metrics],
    reportIntervalS: profile.reportIntervalS,
    name: `${where} ${profile.label}`,
  };
}

/** Midpoint of a straight segment. */
export const midpoint = (a: Xy, b: Xy): Xy => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
