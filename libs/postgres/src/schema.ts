import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * Kysely table types for PostgreSQL, the system of record (ARCHITECTURE.md "Stores and why").
 * One interface per table; migrations in ./migrations create exactly these columns.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface OwnerUnitTable {
  id: string;
  name: string;
  domains: string[];
  contact: JSONColumnType<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface AssetTable {
  id: string;
  domain: string;
  kind: string;
  name: string;
  district: string;
  /** GeoJSON geometry (Point, LineString, MultiLineString, Polygon). */
  geometry: JSONColumnType<{ type: string; coordinates: unknown }>;
  owner_unit_id: string;
  /** Census attributes 建档立卡: material, install_year, diameter_mm, pressure_class, burial_depth_m, … */
  attributes: JSONColumnType<Record<string, unknown>>;
  /** Length in metres for linear assets (pipelines, tunnels), used by the monitoring-coverage indicator. */
  length_m: number | null;
  parent_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DeviceTable {
  id: string;
  domain: string;
  asset_id: string;
  name: string | null;
  /** Metric names the device declares; each must be in the catalog for its domain. */
  metrics: string[];
  report_interval_s: number;
  /** Per-device overrides of the catalog's physical ranges: { metric: { min, max } }. */
  ranges: JSONColumnType<Record<string, { min: number; max: number }>>;
  enabled: boolean;
  /** sha256 hex of the device secret; null until one is issued. */
  secret_hash: string | null;
  secret_issued_at: Timestamp | null;
  online: boolean;
  last_seen_at: Timestamp | null;
  battery_pct: number | null;
  rssi_dbm: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  /** sha256 hex of the bearer token. */
  token_hash: string;
  role: string;
  owner_unit_id: string | null;
  label: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface DeviceRejectionTable {
  id: Generated<string>;
  device_id: string;
  received_at: Timestamp;
  code: string;
  message: string;
  topic: string;
  seq: number | null;
}

export interface DeviceRejectionCountTable {
  device_id: string;
  code: string;
  count: ColumnType<string, number, number>;
  last_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor: string;
  role: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  detail: JSONColumnType<Record<string, unknown>>;
}

export interface Database {
  owner_units: OwnerUnitTable;
  assets: AssetTable;
  devices: DeviceTable;
  api_tokens: ApiTokenTable;
  device_rejections: DeviceRejectionTable;
  device_rejection_counts: DeviceRejectionCountTable;
  audit_log: AuditLogTable;
}
