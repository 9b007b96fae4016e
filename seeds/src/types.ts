import type { CensusAttributes, Domain } from '#contracts';
import type { LonLat } from './geo.js';

/** GeoJSON geometries the registry takes (RFC 7946). */
export type Geometry =
  | { type: 'Point'; coordinates: LonLat }
  | { type: 'LineString'; coordinates: LonLat[] }
  | { type: 'Polygon'; coordinates: LonLat[][] };

/**
 * Census attributes as the seeds write them: the contract's fields plus where the asset lies, so a
 * utility can find it on the ground (street office and street).
 */
export type SeedAttributes = CensusAttributes & { subdistrict: string; street?: string };

/** `properties` of one asset feature, exactly the body of `POST /api/v1/assets` minus the geometry. */
export interface AssetProperties {
  id: string;
  domain: Domain;
  kind: AssetKind;
  name: string;
  district: string;
  ownerUnitId: string;
  parentId?: string;
  lengthM?: number;
  attributes: SeedAttributes;
}

export type AssetKind =
  | 'pipeline_segment'
  | 'regulator_station'
  | 'manhole'
  | 'heat_station'
  | 'inspection_well'
  | 'dma_zone'
  | 'pump_station'
  | 'ponding_point'
  | 'bridge'
  | 'utility_tunnel'
  | 'tunnel_section';

export interface AssetFeature {
  type: 'Feature';
  geometry: Geometry;
  properties: AssetProperties;
}

export interface FeatureCollection<F> {
  type: 'FeatureCollection';
  features: F[];
}

/** One device, exactly the body of `POST /api/v1/devices`. */
export interface SeedDevice {
  id: string;
  domain: Domain;
  assetId: string;
  metrics: string[];
  reportIntervalS: number;
  name?: string;
}

/** `POST /api/v1/owner-units` body. */
export interface OwnerUnit {
  id: string;
  name: string;
  domains: Domain[];
}

/** A map feature of `district.geojson` (outline, street offices, streets, river, places). */
export interface MapFeature {
  type: 'Feature';
  geometry: Geometry;
  properties: {
    kind: 'district' | 'subdistrict' | 'street' | 'river' | 'poi';
    name: string;
    [key: string]: unknown;
  };
}

/** Everything `generate` writes. */
export interface SeedCity {
  ownerUnits: OwnerUnit[];
  assets: FeatureCollection<AssetFeature>;
  devices: SeedDevice[];
  district: FeatureCollection<MapFeature>;
}

/** What one domain builder contributes. */
export interface DomainSeed {
  assets: AssetFeature[];
  devices: SeedDevice[];
}
