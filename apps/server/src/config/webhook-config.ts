import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  validateSync,
  type ValidationError,
} from 'class-validator';
import {
  DEFAULT_RETRY_JITTER,
  isValidSchedule,
  parseDuration,
  parseDurationList,
  STANDARD_WEBHOOKS_SCHEDULE_MS,
  type TargetPolicy,
} from '#domain';

/** Webhook delivery settings (issue "Alarm delivery to utilities"; docs/webhooks.md "Operating"). */
export interface WebhookConfig {
  /** AES-256-GCM key that encrypts endpoint secrets at rest (docs/decisions/0010-webhook-outbox.md). */
  secretKey: Buffer;
  /** True when WEBHOOK_SECRET_KEY is unset and a fixed development key is used: warned loudly at boot. */
  secretKeyIsDevDefault: boolean;
  /** Which addresses deliveries may reach (SSRF policy). */
  targets: TargetPolicy;
  /** Delay before each attempt, ms; [0] is the first attempt (Standard Webhooks schedule by default). */
  retrySchedule: number[];
  retryJitter: number;
  /** Whole-attempt timeout: connect, send, response (PEERS.md §3: 15–30 s). */
  timeoutMs: number;
  /** How long the previous secret keeps signing after a rotation. */
  secretOverlapMs: number;
  /** Global worker pool of one dispatcher process. */
  concurrency: number;
  /** In-flight cap per endpoint in one dispatcher process. */
  endpointConcurrency: number;
  /** Safety-net poll behind LISTEN platform_event. */
  pollMs: number;
}

const BOOLEAN = ['true', 'false', '1', '0', 'yes', 'no'];
const DEV_KEY_LABEL = 'lifeline-development-webhook-secret-key (WEBHOOK_SECRET_KEY unset)';

/** The WEBHOOK_* variables as they arrive; property names are variable names so errors name them. */
export class WebhookEnvDto {
  /** 32 bytes, as 64 hex digits or base64 (`openssl rand -base64 32`). */
  @IsOptional() @IsString() WEBHOOK_SECRET_KEY?: string;
  @IsOptional() @IsIn(BOOLEAN) WEBHOOK_ALLOW_LOOPBACK?: string;
  @IsOptional() @IsIn(BOOLEAN) WEBHOOK_ALLOW_PRIVATE?: string;
  @IsOptional() @IsIn(BOOLEAN) WEBHOOK_ALLOW_HTTP?: string;
  /** Comma list of durations, e.g. `0,5s,5m,30m,2h,5h,10h,14h,20h,24h`. */
  @IsOptional() @IsString() WEBHOOK_RETRY_SCHEDULE?: string;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(0.5) WEBHOOK_RETRY_JITTER?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(120_000) WEBHOOK_TIMEOUT_MS?: number;
  /** A duration, e.g. `24h`. */
  @IsOptional() @IsString() WEBHOOK_SECRET_OVERLAP?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(256) WEBHOOK_CONCURRENCY?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(64) WEBHOOK_ENDPOINT_CONCURRENCY?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(20) @Max(60_000) WEBHOOK_POLL_MS?: number;
}

/** Validates the WEBHOOK_* variables of `env` (already without empty values); problems name the variable. */
export function loadWebhookConfig(env: Record<string, string>): {
  config: WebhookConfig;
  problems: string[];
} {
  const dto = plainToInstance(WebhookEnvDto, env, { excludeExtraneousValues: false });
  const problems = validateSync(dto, { forbidUnknownValues: false }).map(describe);
  const key = secretKey(dto.WEBHOOK_SECRET_KEY, problems);
  const config: WebhookConfig = {
    secretKey: key ?? createHash('sha256').update(DEV_KEY_LABEL).digest(),
    secretKeyIsDevDefault: dto.WEBHOOK_SECRET_KEY === undefined,
    targets: {
      allowLoopback: isTrue(dto.WEBHOOK_ALLOW_LOOPBACK),
      allowPrivate: isTrue(dto.WEBHOOK_ALLOW_PRIVATE),
      allowHttp: isTrue(dto.WEBHOOK_ALLOW_HTTP),
    },
    retrySchedule: retrySchedule(dto.WEBHOOK_RETRY_SCHEDULE, problems),
    retryJitter: dto.WEBHOOK_RETRY_JITTER ?? DEFAULT_RETRY_JITTER,
    timeoutMs: dto.WEBHOOK_TIMEOUT_MS ?? 15_000,
    secretOverlapMs: secretOverlap(dto.WEBHOOK_SECRET_OVERLAP, problems),
    concurrency: dto.WEBHOOK_CONCURRENCY ?? 16,
    endpointConcurrency: dto.WEBHOOK_ENDPOINT_CONCURRENCY ?? 4,
    pollMs: dto.WEBHOOK_POLL_MS ?? 1000,
  };
  return { config, problems };
}

function retrySchedule(text: string | undefined, problems: string[]): number[] {
  if (text === undefined) return [...STANDARD_WEBHOOKS_SCHEDULE_MS];
  const schedule = parseDurationList(text);
  if (schedule !== undefined && isValidSchedule(schedule)) return schedule;
  problems.push(
    `WEBHOOK_RETRY_SCHEDULE=${JSON.stringify(text)}: must be a comma list of durations such as 0,5s,5m,2h`,
  );
  return [...STANDARD_WEBHOOKS_SCHEDULE_MS];
}

/** Default 24 h: the Standard Webhooks spec leaves it open; a day lets a receiver deploy at its own pace. */
function secretOverlap(text: string | undefined, problems: string[]): number {
  if (text === undefined) return 86_400_000;
  const ms = parseDuration(text);
  if (ms !== undefined) return ms;
  problems.push(`WEBHOOK_SECRET_OVERLAP=${JSON.stringify(text)}: must be a duration such as 24h`);
  return 86_400_000;
}

function secretKey(text: string | undefined, problems: string[]): Buffer | undefined {
  if (text === undefined) return undefined;
  const key = decodeKey(text);
  if (key === undefined)
    problems.push(
      'WEBHOOK_SECRET_KEY=(hidden): must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)',
    );
  return key;
}

function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1' || value === 'yes';
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  const shown = error.property === 'WEBHOOK_SECRET_KEY' ? '(hidden)' : JSON.stringify(error.value);
  return `${error.property}=${shown}: ${reasons}`;
}
