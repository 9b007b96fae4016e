// class-transformer's @Type reads design-time metadata; this file may be loaded before anything of Nest's.
import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MinLength, Min } from 'class-validator';
import { LOG_LEVELS, type LogLevelName } from './app-config.js';

const ROLE_LIST = /^(all|(ingest|api|dispatcher)(,(ingest|api|dispatcher))*)$/;
const httpUrl = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const mqttUrl = {
  protocols: ['mqtt', 'mqtts', 'tcp', 'tls', 'ws', 'wss'],
  require_protocol: true,
  require_tld: false,
};
/** http(s), a host (a `{s}` subdomain placeholder allowed), and the {z}/{x}/{y} placeholders Leaflet fills. */
const TILE_URL = /^https?:\/\/[\w.{}-]+(:\d+)?\/(?=\S*\{z\})(?=\S*\{x\})(?=\S*\{y\})\S*$/;
const stripSpaces = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\s+/g, '') : value;

/**
 * The environment variables the server reads (CONTRACT.md §5), as they arrive: strings, converted and
 * checked here once (immich's env.dto pattern). Property names are the variable names so a failure
 * message names the variable to fix.
 */
export class EnvDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevelName;

  @IsOptional()
  @Transform(stripSpaces)
  @Matches(ROLE_LIST, { message: 'must be "all" or a comma list of ingest, api, dispatcher' })
  LIFELINE_ROLES?: string;

  /** 16 characters at least: the bootstrap admin token guards every write. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  ADMIN_TOKEN?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsUrl(httpUrl)
  INFLUX_URL?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[^\s"]+$/, { message: 'must be a database or bucket name without spaces or quotes' })
  INFLUX_DB?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[^\s"]+$/, { message: 'must be a database or bucket name without spaces or quotes' })
  INFLUX_BUCKET?: string;

  @IsOptional()
  @IsString()
  INFLUX_TOKEN?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  INFLUX_BATCH_SIZE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  // The issue requires readings flushed within 1 s; the writer refuses more.
  @Max(1_000)
  INFLUX_FLUSH_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  INFLUX_MAX_INFLIGHT?: number;

  @IsOptional()
  @IsString()
  SPOOL_DIR?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  MQTT_PORT?: number;

  @IsOptional()
  @IsString()
  MQTT_HOST?: string;

  @IsOptional()
  @IsUrl(mqttUrl)
  MQTT_URL?: string;

  @IsOptional()
  @IsString()
  MQTT_USERNAME?: string;

  @IsOptional()
  @IsString()
  MQTT_PASSWORD?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36_500)
  TELEMETRY_RETENTION_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  TELEMETRY_FUTURE_TOLERANCE_S?: number;

  @IsOptional()
  @IsUrl(httpUrl)
  PUBLIC_URL?: string;

  /** Folder of the built console (`npm run build:console`), relative to the working directory. */
  @IsOptional()
  @IsString()
  CONSOLE_DIR?: string;

  /** Optional basemap under the console's offline map, e.g. https://tiles.example.org/{z}/{x}/{y}.png */
  @IsOptional()
  @Matches(TILE_URL, { message: 'must be an http(s) URL template with {z}, {x} and {y}' })
  CONSOLE_TILE_URL?: string;

  @IsOptional()
  @IsString()
  CONSOLE_TILE_ATTRIBUTION?: string;

  /** GeoJSON FeatureCollection drawn under the assets (district outline, streets); default: the sample city's. */
  @IsOptional()
  @IsString()
  MAP_DISTRICT_FILE?: string;
}
