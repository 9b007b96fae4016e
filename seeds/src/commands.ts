import { ApiClient, ApiError, formatApiError } from './loader/api-client.js';
import { credentialsFor, writeCredentials } from './loader/credentials.js';
import { DEFAULT_PLAN, loadRegistry } from './loader/load-registry.js';
import { loadCity } from './load-city.js';
import { writeCity } from './output.js';
import { DEFAULT_SEED, sampleCity } from './sample-city.js';
import type { SeedCity } from './types.js';
import { cityProblems } from './validate-city.js';

/** A command-line mistake: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

export interface CityOptions {
  assets?: string;
  devices?: string;
  seed?: string;
}

function nonNegativeInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** The Kangbashi sample city, or a load-test city; refuses to return a city the registry would reject. */
export function cityFrom(options: CityOptions): SeedCity {
  const city = buildCity(options);
  const problems = cityProblems(city);
  if (problems.length > 0)
    throw new Error(`generated city is invalid:\n  ${problems.slice(0, 20).join('\n  ')}`);
  return city;
}

function buildCity(options: CityOptions): SeedCity {
  const seed = options.seed === undefined ? DEFAULT_SEED : nonNegativeInt('seed', options.seed);
  if (options.assets === undefined && options.devices === undefined) return sampleCity(seed);
  if (options.assets === undefined || options.devices === undefined)
    throw new UsageError('--assets and --devices go together');
  try {
    return loadCity(
      nonNegativeInt('assets', options.assets),
      nonNegativeInt('devices', options.devices),
      seed,
    );
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

function summary(city: SeedCity): string {
  const domains = new Set(city.assets.features.map((f) => f.properties.domain));
  return `${city.assets.features.length} assets, ${city.devices.length} devices, ${domains.size} domains, ${city.ownerUnits.length} owner units`;
}

export async function generateCommand(
  options: CityOptions & { out?: string },
  log: (line: string) => void,
): Promise<void> {
  if (!options.out) throw new UsageError('generate needs --out <dir>');
  const city = cityFrom(options);
  const paths = await writeCity(city, options.out);
  log(`generated ${summary(city)}`);
  for (const p of paths) log(`  wrote ${p}`);
}

export interface LoadOptions extends CityOptions {
  api?: string;
  token?: string;
  credentials?: string;
  'mqtt-url'?: string;
  chunk?: string;
}

export async function loadCommand(options: LoadOptions, log: (line: string) => void): Promise<void> {
  const { api, token, credentials } = options;
  if (!api || !token || !credentials)
    throw new UsageError('load needs --api <baseUrl> --token <adminToken> --credentials <file>');
  const city = cityFrom(options);
  const chunkSize =
    options.chunk === undefined ? DEFAULT_PLAN.deviceChunkSize : nonNegativeInt('chunk', options.chunk);
  if (chunkSize < 1) throw new UsageError('--chunk must be at least 1');
  const client = new ApiClient({ baseUrl: api, token });
  log(`loading ${summary(city)} into ${client.origin}`);
  const secrets = await loadRegistry(client, city, { ...DEFAULT_PLAN, deviceChunkSize: chunkSize }, log);
  const mqttUrl = options['mqtt-url'] ?? `mqtt://${new URL(client.origin).hostname}:1883`;
  await writeCredentials(credentials, credentialsFor(city, secrets, mqttUrl, new Date()));
  log(`wrote ${city.devices.length} device credentials to ${credentials} (mode 0600)`);
}

/** A readable line for any failure of a command. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return formatApiError(error);
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const cause = (error as TypeError & { cause?: { code?: string; message?: string } }).cause;
    return `cannot reach the API: ${cause?.code ?? cause?.message ?? 'network error'}`;
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'the API did not answer in time';
  return error instanceof Error ? error.message : String(error);
}
