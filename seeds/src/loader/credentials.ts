import { chmod, rename, writeFile } from 'node:fs/promises';
import type { Domain, PressureClass } from '#contracts';
import type { AssetFeature, SeedCity } from '../types.js';

/**
 * The credentials file the simulators read: the registry's device list plus each device's secret, and
 * a few facts about its asset so the signal models and scenarios can be realistic (manhole depth for
 * freeboard, a bridge's design strain for overload, the zone for "neighbouring" devices).
 */
export interface DeviceParams {
  depthM?: number;
  diameterMm?: number;
  designStrainUe?: number;
  deflectionLimitMm?: number;
  spanM?: number;
  pressureClass?: PressureClass;
}

export interface CredentialDevice {
  id: string;
  domain: Domain;
  assetId: string;
  metrics: string[];
  reportIntervalS: number;
  secret: string;
  assetKind?: string;
  /** The asset's parent (DMA, catchment, tunnel, gas main of a manhole), or the asset itself. */
  zone?: string;
  params?: DeviceParams;
}

export interface CredentialsFile {
  mqttUrl?: string;
  generatedAt: string;
  devices: CredentialDevice[];
}

function paramsOf(asset: AssetFeature | undefined): DeviceParams | undefined {
  if (!asset) return undefined;
  const a = asset.properties.attributes;
  const params: DeviceParams = {
    ...(a.burial_depth_m === undefined ? {} : { depthM: a.burial_depth_m }),
    ...(a.diameter_mm === undefined ? {} : { diameterMm: a.diameter_mm }),
    ...(a.design_strain_ue === undefined ? {} : { designStrainUe: a.design_strain_ue }),
    ...(a.deflection_limit_mm === undefined ? {} : { deflectionLimitMm: a.deflection_limit_mm }),
    ...(a.span_m === undefined ? {} : { spanM: a.span_m }),
    ...(a.pressure_class === undefined ? {} : { pressureClass: a.pressure_class }),
  };
  return Object.keys(params).length > 0 ? params : undefined;
}

/** Joins the city's devices with the secrets the registry issued; every device must have one. */
export function credentialsFor(
  city: SeedCity,
  secrets: Readonly<Record<string, string>>,
  mqttUrl: string | undefined,
  now: Date,
): CredentialsFile {
  const assets = new Map(city.assets.features.map((f) => [f.properties.id, f]));
  const missing = city.devices.filter((d) => typeof secrets[d.id] !== 'string').map((d) => d.id);
  if (missing.length > 0) {
    throw new Error(
      `the registry returned no secret for ${missing.length} device(s), e.g. ${missing.slice(0, 5).join(', ')}`,
    );
  }
  const devices = city.devices.map((d): CredentialDevice => {
    const asset = assets.get(d.assetId);
    const params = paramsOf(asset);
    return {
      id: d.id,
      domain: d.domain,
      assetId: d.assetId,
      metrics: [...d.metrics],
      reportIntervalS: d.reportIntervalS,
      secret: secrets[d.id],
      ...(asset
        ? { assetKind: asset.properties.kind, zone: asset.properties.parentId ?? asset.properties.id }
        : {}),
      ...(params ? { params } : {}),
    };
  });
  return { ...(mqttUrl ? { mqttUrl } : {}), generatedAt: now.toISOString(), devices };
}

/**
 * Writes the file readable by its owner only (0600: it holds device secrets). Written to a temporary file
 * and renamed, so a simulator never reads half a file; chmod again because `mode` only applies on create.
 */
export async function writeCredentials(path: string, file: CredentialsFile): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(file, null, 1)}\n`, { encoding: 'utf8', mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}
