import type { Domain, RiskLevel } from '#contracts';

/** GeoJSON geometry as the registry stores it (RFC 7946, WGS 84 [lon, lat]). */
export type Geometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** `GET /assets/{id}` (registry asset-views.ts). */
export interface AssetView {
  id: string;
  domain: Domain;
  kind: string;
  name: string;
  district: string;
  geometry: Geometry;
  ownerUnitId: string;
  parentId: string | null;
  lengthM: number | null;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface AssetFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Omit<AssetView, 'geometry'>;
}

export interface AssetFeaturePage {
  type: 'FeatureCollection';
  features: AssetFeature[];
  nextCursor: string | null;
}

/** `GET /devices` items (registry device-views.ts). */
export interface DeviceView {
  id: string;
  domain: Domain;
  assetId: string;
  ownerUnitId: string;
  name: string | null;
  metrics: string[];
  reportIntervalS: number;
  enabled: boolean;
  online: boolean;
  lastSeenAt: string | null;
  batteryPct: number | null;
  rssiDbm: number | null;
}

export interface DevicePage {
  items: DeviceView[];
  nextCursor: string | null;
}

/** The map's view of an asset's current grade. */
export interface RiskMark {
  level: RiskLevel;
  /** False while the asset's data is stale: the level is kept but unverified (PEERS.md §5.B item 9). */
  verified: boolean;
  /** When the asset reached this level (RFC 3339). */
  since: string;
}

/** A base-map feature of `GET /map/district`. */
export interface BaseMapFeature {
  type: 'Feature';
  geometry: Geometry;
  properties: { kind: string; name: string; [key: string]: unknown } | null;
}

export interface BaseMap {
  type: 'FeatureCollection';
  features: BaseMapFeature[];
}

export interface Basemap {
  tileUrl: string | null;
  attribution: string | null;
}
