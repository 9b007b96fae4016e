import type { AssetFeature, FeatureCollection, SeedCity } from '../types.js';
import type { ApiClient } from './api-client.js';

/**
 * Posts a seed city to a running service (CONTRACT.md §3): owner units one by one (409 = already
 * registered), assets through the all-or-nothing upsert import, devices through the bulk import that issues
 * secrets. Large cities are sent in chunks; parents precede children in file order, so each asset chunk
 * only refers to parents already imported.
 */
export interface LoadPlan {
  assetChunkSize: number;
  deviceChunkSize: number;
}

export const DEFAULT_PLAN: LoadPlan = { assetChunkSize: 1_000, deviceChunkSize: 2_000 };

export interface ImportSecretsResponse {
  secrets?: Record<string, string>;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Loads owner units, assets and devices; returns the device secrets (each issued once). */
export async function loadRegistry(
  client: ApiClient,
  city: SeedCity,
  plan: LoadPlan,
  log: (line: string) => void,
): Promise<Record<string, string>> {
  for (const unit of city.ownerUnits) {
    const res = await client.post('/owner-units', unit, [409]);
    log(`owner unit ${unit.id} ${res.status === 409 ? 'already registered' : 'created'}`);
  }
  const assetChunks = chunk(city.assets.features, plan.assetChunkSize);
  for (const [i, features] of assetChunks.entries()) {
    const body: FeatureCollection<AssetFeature> = { type: 'FeatureCollection', features };
    await client.post('/assets/import', body);
    log(
      `assets ${i * plan.assetChunkSize + 1}–${i * plan.assetChunkSize + features.length} of ${city.assets.features.length} imported`,
    );
  }
  const secrets: Record<string, string> = {};
  const deviceChunks = chunk(city.devices, plan.deviceChunkSize);
  for (const [i, devices] of deviceChunks.entries()) {
    const res = await client.post<ImportSecretsResponse>('/devices/import?issueSecrets=true', devices);
    const issued = res.body?.secrets ?? {};
    Object.assign(secrets, issued);
    log(
      `devices ${i * plan.deviceChunkSize + 1}–${i * plan.deviceChunkSize + devices.length} of ${city.devices.length} imported, ${Object.keys(issued).length} secrets issued`,
    );
  }
  return secrets;
}
