import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isDomain } from '#contracts';
import type { BenchDevice } from './payloads.js';

const run = promisify(execFile);

/**
 * Registers a load-test city through the service's API with the seeds loader (`seed load --assets N
 * --devices M`: owner units, asset import, device import issuing secrets) and reads back the credentials
 * file it writes.
 */
export async function registerDevices(opts: {
  root: string;
  apiBase: string;
  token: string;
  assets: number;
  devices: number;
  credentialsPath: string;
}): Promise<{ devices: BenchDevice[]; seconds: number; output: string }> {
  const started = Date.now();
  const { stdout } = await run(
    process.execPath,
    [
      join(opts.root, 'dist/seeds/src/cli.js'),
      'load',
      '--api',
      opts.apiBase,
      '--token',
      opts.token,
      '--assets',
      String(opts.assets),
      '--devices',
      String(opts.devices),
      '--credentials',
      opts.credentialsPath,
    ],
    { cwd: opts.root, maxBuffer: 64 * 2 ** 20, timeout: 15 * 60_000 },
  );
  const devices = await readCredentials(opts.credentialsPath);
  return { devices, seconds: (Date.now() - started) / 1000, output: stdout };
}

/** `{ devices: [{ id, domain, assetId, metrics, secret, … }] }` → the fields the generator needs. */
export async function readCredentials(path: string): Promise<BenchDevice[]> {
  const file = JSON.parse(await readFile(path, 'utf8')) as { devices?: unknown[] };
  if (!Array.isArray(file.devices)) throw new Error(`${path} has no "devices" list`);
  return file.devices.map((raw, i) => {
    const d = raw as Partial<BenchDevice>;
    if (
      typeof d.id !== 'string' ||
      typeof d.secret !== 'string' ||
      !isDomain(d.domain) ||
      !Array.isArray(d.metrics)
    ) {
      throw new Error(`${path}: device #${i} lacks id, domain, metrics or secret`);
    }
    return {
      id: d.id,
      domain: d.domain,
      assetId: String(d.assetId ?? ''),
      metrics: d.metrics.map(String),
      secret: d.secret,
    };
  });
}
