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

/** Device events (migration 0002): one row per (device, type, occurred_at). */
export interface DeviceEventTable {
  id: Generated<string>;
  device_id: string;
  domain: string;
  asset_id: string;
  type: string;
  occurred_at: Timestamp;
  received_at: ColumnType<Date, Date | string | undefined, never>;
  detail: JSONColumnType<Record<string, unknown>>;
}

export interface PlatformEventTable {
  id: Generated<string>;
  type: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  asset_id: string | null;
  owner_unit_id: string | null;
  domain: string | null;
  district: string | null;
  alarm_id: string | null;
  /** Raised inside a maintenance window: kept and streamed, not notified to utilities. */
  suppressed: ColumnType<boolean, boolean | undefined, boolean>;
  /** The PlatformEvent envelope of libs/contracts events.ts. */
  payload: JSONColumnType<{ type: string; timestamp: string; data: Record<string, unknown> }>;
}

export interface IncidentTable {
  id: Generated<string>;
  root_asset_id: string;
  level: string;
  alarm_count: number;
  opened_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface AlarmTable {
  id: Generated<string>;
  asset_id: string;
  owner_unit_id: string;
  domain: string;
  district: string;
  rule_id: string;
  rule_version: string;
  device_id: string | null;
  metric: string | null;
  /** Highest level reached. */
  level: string;
  /** Generated from `level`: major 3 … low 0. */
  level_rank: ColumnType<number, never, never>;
  /** Level of the condition now; null once it cleared. */
  condition_level: string | null;
  state: string;
  value: number | null;
  threshold: number | null;
  condition_active: boolean;
  suppressed: boolean;
  chattering: boolean;
  incident_id: string | null;
  previous_alarm_id: string | null;
  workflow: JSONColumnType<Record<string, unknown>>;
  sequence: number;
  raised_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  /** Earliest pending SLA due time. */
  overdue_at: Timestamp | null;
  /** Next time the escalation scheduler must look at the alarm. */
  escalation_due_at: Timestamp | null;
  /** When a resolved alarm may be closed automatically. */
  close_due_at: Timestamp | null;
}

export interface AlarmEventTable {
  id: Generated<string>;
  alarm_id: string;
  sequence: number;
  type: string;
  at: Timestamp;
  actor: string;
  role: string;
  reason: string;
  from_state: string | null;
  to_state: string | null;
  detail: JSONColumnType<Record<string, unknown>>;
  /** Recorded inside a maintenance window (not notified to the utility). */
  suppressed: ColumnType<boolean, boolean | undefined, boolean>;
  /** Held notice lifecycle: held → released | discarded; null when never held. */
  notice: 'held' | 'released' | 'discarded' | null;
}

export interface RuleStateTable {
  asset_id: string;
  rule_id: string;
  state: JSONColumnType<Record<string, unknown>>;
  /** Recent active↔clear transition times (epoch ms) for chattering detection. */
  noise: JSONColumnType<number[]>;
  updated_at: Timestamp;
}

export interface RuleOverrideTable {
  id: Generated<string>;
  scope: 'profile' | 'asset';
  scope_id: string;
  rule_id: string;
  override: JSONColumnType<Record<string, unknown>>;
  version: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface AssetRiskTable {
  asset_id: string;
  level: string;
  verified: boolean;
  score: number;
  likelihood: number;
  severity: number;
  static_level: string;
  explanation: JSONColumnType<Record<string, unknown>>;
  state: JSONColumnType<Record<string, unknown>>;
  ruleset_version: string;
  /** sha-256 of the stored content minus timestamps (risk-persistence.ts `fingerprintOf`). */
  fingerprint: string;
  since: Timestamp;
  updated_at: Timestamp;
}

export interface RiskHistoryTable {
  id: Generated<string>;
  asset_id: string;
  at: Timestamp;
  from_level: string | null;
  to_level: string;
  verified: boolean;
  score: number;
  reason: string;
  explanation: JSONColumnType<Record<string, unknown>>;
  ruleset_version: string;
}

/** Excavation/subsidence reports and major events filed against an asset (migration 0004). */
export interface ExternalEventTable {
  id: Generated<string>;
  asset_id: string;
  kind: 'excavation' | 'subsidence' | 'major_event';
  distance_m: number | null;
  starts_at: Timestamp;
  until: Timestamp | null;
  note: string;
  source: string;
  reported_by: string;
  reported_at: CreatedAt;
}

/** The deadman's last announced view of a device (migration 0004). */
export interface DeviceStatusTable {
  device_id: string;
  offline: boolean;
  reason: string | null;
  since: Timestamp;
  last_seen_at: Timestamp | null;
}

export interface MaintenanceWindowTable {
  id: Generated<string>;
  name: string;
  scope: JSONColumnType<Record<string, unknown>>;
  schedule: JSONColumnType<Record<string, unknown>>;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  /** Start of the occurrence in force when the scheduler last looked; null when not active. */
  active_since: Timestamp | null;
}

/** Webhook endpoints (migration 0005): per owner unit, secrets encrypted at rest (AES-256-GCM). */
export interface WebhookEndpointTable {
  id: Generated<string>;
  owner_unit_id: string;
  /** Without credentials; those are in url_credentials_enc. */
  url: string;
  url_credentials_enc: string | null;
  description: string | null;
  event_types: string[];
  levels: ColumnType<string[], string[] | undefined, string[]>;
  domains: ColumnType<string[], string[] | undefined, string[]>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  disabled_reason: string | null;
  disabled_at: Timestamp | null;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: Timestamp | null;
  secret_rotated_at: Timestamp | null;
  start_after_event_id: ColumnType<number, number | undefined, number>;
  throttled_until: Timestamp | null;
  failing_since: Timestamp | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The webhook relay's cursor in platform_events (one row, id = 1). */
export interface WebhookRelayTable {
  id: number;
  last_event_id: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One (endpoint, event) delivery: its webhook-id, exact body and queue state. */
export interface WebhookDeliveryTable {
  /** bigserial; int8 is parsed to a number (database.ts). */
  id: Generated<number>;
  endpoint_id: string;
  event_id: number | null;
  kind: 'event' | 'test';
  message_id: string;
  event_type: string;
  event_at: Timestamp;
  alarm_id: string | null;
  order_key: string;
  order_seq: number;
  body: string;
  reading_at: Timestamp | null;
  status: 'pending' | 'succeeded' | 'dead';
  attempts: ColumnType<number, number | undefined, number>;
  round_attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  lease_token: string | null;
  lease_until: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  last_failure_scope: string | null;
  created_at: CreatedAt;
  completed_at: Timestamp | null;
}

/** Every attempt of a delivery, for the delivery log. */
export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  number: number;
  started_at: Timestamp;
  webhook_timestamp: number;
  duration_ms: number;
  status_code: number | null;
  outcome: string;
  error: string | null;
  response_snippet: string | null;
  response_truncated: boolean;
  remote_address: string | null;
}

export interface Database {
  owner_units: OwnerUnitTable;
  assets: AssetTable;
  devices: DeviceTable;
  api_tokens: ApiTokenTable;
  device_rejections: DeviceRejectionTable;
  device_rejection_counts: DeviceRejectionCountTable;
  audit_log: AuditLogTable;
  device_events: DeviceEventTable;
  platform_events: PlatformEventTable;
  incidents: IncidentTable;
  alarms: AlarmTable;
  alarm_events: AlarmEventTable;
  rule_states: RuleStateTable;
  rule_overrides: RuleOverrideTable;
  asset_risk: AssetRiskTable;
  risk_history: RiskHistoryTable;
  maintenance_windows: MaintenanceWindowTable;
  external_events: ExternalEventTable;
  device_status: DeviceStatusTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_relay: WebhookRelayTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
}
