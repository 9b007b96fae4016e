import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseCredentials } from '../../simulators/src/credentials.js';
import { prepareDevice, type SimDevice } from '../../simulators/src/device.js';

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
  seed: number;
}): Promise<{ devices: SimDevice[]; seconds: number; output: string }> {
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
  const devices = await readCredentials(opts.credentialsPath, opts.seed);
  return { devices, seconds: (Date.now() - started) / 1000, output: stdout };
}

/** The credentials file, read and checked by the simulators' reader, prepared for their signal models. */
export async function readCredentials(path: string, seed: number): Promise<SimDevice[]> {
  const file = parseCredentials(await readFile(path, 'utf8'), path);
  return file.devices.map((d) => prepareDevice(d, seed));
}
