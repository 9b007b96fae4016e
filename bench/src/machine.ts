import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** CPU model, cores, memory, OS: the "machine" of the report. */
export async function machineFacts(): Promise<Record<string, string | number>> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const debian = await readFile('/etc/debian_version', 'utf8').catch(() => '');
  return {
    cpuModel: model,
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}${debian ? ` (Debian ${debian.trim()})` : ''}`,
    loadAverageAtStart: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

export async function versions(
  root: string,
  influxVersion: string,
  databaseUrl: string,
): Promise<Record<string, string>> {
  const aedes = JSON.parse(await readFile(join(root, 'node_modules/aedes/package.json'), 'utf8')) as {
    version: string;
  };
  return {
    node: process.version,
    aedes: aedes.version,
    influxdb: influxVersion,
    postgresql: await postgresVersion(databaseUrl),
    lifeline: await gitRevision(root),
  };
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const res = await client.query<{ server_version: string }>('SHOW server_version');
    return res.rows[0]?.server_version ?? 'unknown';
  } catch {
    return 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function gitRevision(root: string): Promise<string> {
  try {
    const rev = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })).stdout.trim();
    const dirty = (await run('git', ['status', '--porcelain'], { cwd: root })).stdout.trim() !== '';
    return `${rev}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}
