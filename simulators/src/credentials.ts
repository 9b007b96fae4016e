import { readFile, stat } from 'node:fs/promises';
import { PRESSURE_CLASSES, type PressureClass, isDomain } from '#contracts';
import type { DeviceCredentials, DeviceParams } from './device.js';

/**
 * The credentials file written by `seed load` (seeds/src/loader/credentials.ts):
 * `{ mqttUrl?, generatedAt, devices: [{ id, domain, assetId, metrics, reportIntervalS, secret, assetKind?,
 * zone?, params? }] }`. Read and checked once, so a hand-edited file fails with the device it breaks on.
 */
export interface CredentialsFile {
  mqttUrl?: string;
  devices: DeviceCredentials[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const NUMERIC_PARAMS = ['depthM', 'diameterMm', 'designStrainUe', 'deflectionLimitMm', 'spanM'] as const;

/** Keeps the asset facts the signal models understand; anything else (or non-numeric) is ignored. */
function checkParams(raw: Record<string, unknown>): DeviceParams {
  const params: DeviceParams = {};
  for (const key of NUMERIC_PARAMS) {
    const v = raw[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) params[key] = v;
  }
  const pc = raw.pressureClass;
  if (typeof pc === 'string' && (PRESSURE_CLASSES as readonly string[]).includes(pc))
    params.pressureClass = pc as PressureClass;
  return params;
}

function checkDevice(raw: unknown, index: number): DeviceCredentials {
  const where = `device #${index + 1}`;
  if (!isObject(raw)) throw new Error(`${where} is not an object`);
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : undefined;
  const label = id ? `${where} (${id})` : where;
  if (!id) throw new Error(`${where} has no id`);
  if (!isDomain(raw.domain)) throw new Error(`${label} has an unknown domain ${JSON.stringify(raw.domain)}`);
  if (typeof raw.assetId !== 'string') throw new Error(`${label} has no assetId`);
  if (!Array.isArray(raw.metrics) || !raw.metrics.every((m) => typeof m === 'string'))
    throw new Error(`${label} has no metrics list`);
  if (typeof raw.reportIntervalS !== 'number' || !(raw.reportIntervalS > 0))
    throw new Error(`${label} has no positive reportIntervalS`);
  if (typeof raw.secret !== 'string' || raw.secret === '') throw new Error(`${label} has no secret`);
  return {
    id,
    domain: raw.domain,
    assetId: raw.assetId,
    metrics: raw.metrics,
    reportIntervalS: raw.reportIntervalS,
    secret: raw.secret,
    ...(typeof raw.assetKind === 'string' ? { assetKind: raw.assetKind } : {}),
    ...(typeof raw.zone === 'string' ? { zone: raw.zone } : {}),
    ...(isObject(raw.params) ? { params: checkParams(raw.params) } : {}),
  };
}

export function parseCredentials(text: string, source: string): CredentialsFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isObject(doc) || !Array.isArray(doc.devices))
    throw new Error(`${source}: expected { "devices": [ … ] }`);
  try {
    const devices = doc.devices.map(checkDevice);
    return { ...(typeof doc.mqttUrl === 'string' ? { mqttUrl: doc.mqttUrl } : {}), devices };
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`, { cause: error });
  }
}

export interface LoadedCredentials extends CredentialsFile {
  /** Set when group or others can read the file (it holds secrets; `seed load` writes it 0600). */
  tooOpen: boolean;
}

export async function readCredentials(path: string): Promise<LoadedCredentials> {
  const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  return { ...parseCredentials(text, path), tooOpen: (info.mode & 0o077) !== 0 };
}
