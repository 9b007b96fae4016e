import type { WebhookConfig } from './webhook-config.js';

/**
 * The validated, typed configuration of one process (ARCHITECTURE.md rule 4). Built once at boot by
 * `loadConfig()` from the environment; every module injects it with `AppConfig` as the token instead of
 * reading `process.env`.
 */
export const PROCESS_ROLES = ['ingest', 'api', 'dispatcher'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface HttpConfig {
  port: number;
  host: string;
  /** Base URL clients reach this server at (links in webhooks, printed at start). */
  publicUrl: string;
}

export interface InfluxConfig {
  url: string;
  /** Database (1.x) or bucket (2.x/3.x through the v1-compatible endpoints). */
  db: string;
  token?: string;
  batchSize: number;
  flushMs: number;
  maxInflight: number;
  spoolDir: string;
}

export interface MqttConfig {
  port: number;
  host: string;
  /** External broker URL; unset means the embedded aedes broker. */
  url?: string;
  username?: string;
  password?: string;
}

export interface TelemetryConfig {
  retentionDays: number;
  futureToleranceS: number;
}

/** The monitoring-room console (apps/console) the server hosts at `/`. */
export interface ConsoleConfig {
  /** Folder with the built console's index.html. */
  dir: string;
  /** Basemap tile URL template; unset = the offline vector map only (no request leaves the LAN). */
  tileUrl?: string;
  tileAttribution?: string;
  /** Base-map GeoJSON file; unset = the sample city's district (seeds/). */
  districtFile?: string;
}

/** Class rather than interface so it doubles as the injection token: `constructor(config: AppConfig)`. */
export class AppConfig {
  http!: HttpConfig;
  log!: { level: LogLevelName };
  /** Which roles this process runs (`LIFELINE_ROLES`). */
  roles!: Readonly<Record<ProcessRole, boolean>>;
  /** Bootstrap admin bearer token; absent in a dev setup without one. */
  auth!: { adminToken?: string };
  database!: { url: string };
  influx!: InfluxConfig;
  mqtt!: MqttConfig;
  telemetry!: TelemetryConfig;
  console!: ConsoleConfig;
  webhooks!: WebhookConfig;
}
