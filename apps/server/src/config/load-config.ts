import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { PROCESS_ROLES, type AppConfig, type ProcessRole } from './app-config.js';
import { EnvDto } from './env.dto.js';
import { loadWebhookConfig } from './webhook-config.js';

/** A configuration the process must not start with; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates `env` (normally `process.env`) once and returns the typed, nested configuration with defaults. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const values = withoutEmptyValues(env);
  const dto = plainToInstance(EnvDto, values, { excludeExtraneousValues: false });
  const errors = validateSync(dto, { whitelist: true, forbidUnknownValues: false });
  const webhooks = loadWebhookConfig(values);
  const problems = [...errors.map(describe), ...webhooks.problems];
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...toAppConfig(dto), webhooks: webhooks.config };
}

/** `FOO=` in a compose file or shell means "unset", not "the empty string". */
function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value.trim() !== '') out[key] = value;
  return out;
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  const shown = /TOKEN|PASSWORD/.test(error.property) ? '(hidden)' : JSON.stringify(error.value);
  return `${error.property}=${shown}: ${reasons}`;
}

function parseRoles(list: string | undefined): Record<ProcessRole, boolean> {
  const wanted = !list || list === 'all' ? PROCESS_ROLES : list.split(',');
  return Object.fromEntries(PROCESS_ROLES.map((r) => [r, wanted.includes(r)])) as Record<
    ProcessRole,
    boolean
  >;
}

function toAppConfig(e: EnvDto): Omit<AppConfig, 'webhooks'> {
  const port = e.PORT ?? 3000;
  const host = e.HOST ?? '127.0.0.1';
  return {
    http: { port, host, publicUrl: (e.PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '') },
    log: { level: e.LOG_LEVEL ?? 'info' },
    roles: parseRoles(e.LIFELINE_ROLES),
    auth: { adminToken: e.ADMIN_TOKEN },
    database: { url: e.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5433/lifeline' },
    influx: {
      url: e.INFLUX_URL ?? 'http://127.0.0.1:8086',
      // INFLUX_BUCKET is the 2.x/3.x name for the same thing; INFLUX_DB wins when both are set.
      db: e.INFLUX_DB ?? e.INFLUX_BUCKET ?? 'lifeline',
      token: e.INFLUX_TOKEN,
      batchSize: e.INFLUX_BATCH_SIZE ?? 5000,
      flushMs: e.INFLUX_FLUSH_MS ?? 200,
      maxInflight: e.INFLUX_MAX_INFLIGHT ?? 4,
      spoolDir: e.SPOOL_DIR ?? '.data/spool',
    },
    mqtt: {
      port: e.MQTT_PORT ?? 1883,
      host: e.MQTT_HOST ?? '127.0.0.1',
      url: e.MQTT_URL,
      username: e.MQTT_USERNAME,
      password: e.MQTT_PASSWORD,
    },
    telemetry: {
      retentionDays: e.TELEMETRY_RETENTION_DAYS ?? 30,
      futureToleranceS: e.TELEMETRY_FUTURE_TOLERANCE_S ?? 300,
    },
    console: {
      dir: e.CONSOLE_DIR ?? 'apps/console/dist',
      tileUrl: e.CONSOLE_TILE_URL,
      tileAttribution: e.CONSOLE_TILE_ATTRIBUTION,
      districtFile: e.MAP_DISTRICT_FILE,
    },
  };
}
