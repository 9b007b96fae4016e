import { writeFile } from 'node:fs/promises';
import type { SimDevice } from '../device.js';
import { LoadConnection } from './load-connection.js';
import { PayloadTemplate } from './payload-template.js';
import { KEEPALIVE_S } from './wire.js';

/**
 * The benchmark load generator (BENCHMARKS.md): one raw MQTT connection per device (the ACL forbids
 * publishing for another device), opened `connections` at a time, then an open-loop schedule — message k
 * is due at t0 + k / (N × r) and goes to device k mod N, whatever the broker does — for `durationS`
 * seconds. PUBACKs are counted; the result file records every device's sent seq range for zero-loss checks.
 */
export interface LoadConfig {
  url: string;
  devices: SimDevice[];
  ratePerDevice: number;
  durationS: number;
  /** Connection handshakes in flight during ramp-up. */
  connections: number;
  seed: number;
  startSeq: number;
  /** How long to wait for outstanding PUBACKs after the last send. */
  drainS: number;
  out: string;
  log: (line: string) => void;
}

export interface DeviceResult {
  id: string;
  domain: string;
  sent: number;
  acked: number;
  /** Due while disconnected, never sent. */
  skipped: number;
  firstSeq: number | null;
  lastSeq: number | null;
  error?: string;
}

export interface LoadResult {
  startedAt: string;
  finishedAt: string;
  url: string;
  devices: number;
  connected: number;
  ratePerDevice: number;
  durationS: number;
  sent: number;
  acked: number;
  /** Messages per second actually handed to the sockets during the send window. */
  sendRate: number;
  perDevice: DeviceResult[];
}

const SEND_TICK_MS = 5;
const CONNECT_TIMEOUT_MS = 30_000;

export function brokerAddress(url: string): { host: string; port: number } {
  const u = new URL(url);
  if (u.protocol !== 'mqtt:' && u.protocol !== 'tcp:')
    throw new Error(`load mode speaks plain MQTT over TCP (mqtt://host:port), not ${u.protocol}`);
  return { host: u.hostname, port: u.port === '' ? 1883 : Number(u.port) };
}

/** Opens every connection, at most `parallel` handshakes at once. */
async function openAll(
  conns: LoadConnection[],
  host: string,
  port: number,
  parallel: number,
  log: (l: string) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < conns.length) {
      const c = conns[next++];
      await c.open(host, port, CONNECT_TIMEOUT_MS).catch(() => undefined);
      if (++done % 1000 === 0)
        log(`${done}/${conns.length} attempted, ${conns.filter((x) => x.isUp).length} connected`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, conns.length) }, worker));
}

/** Sends on the open-loop schedule until `durationS` has passed; resolves with the number of messages due. */
function sendLoop(conns: LoadConnection[], config: LoadConfig, t0: number): Promise<number> {
  const n = conns.length;
  const perMs = (n * config.ratePerDevice) / 1000;
  const total = Math.floor(config.durationS * 1000 * perMs);
  const pingIdleMs = (KEEPALIVE_S * 1000) / 2;
  let cursor = 0;
  let lastPing = t0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = Date.now();
      const due = Math.min(total, Math.floor((now - t0) * perMs));
      for (; cursor < due; cursor++) conns[cursor % n].send(now, config.startSeq + Math.floor(cursor / n));
      if (now - lastPing >= 10_000) {
        lastPing = now;
        for (const c of conns) c.keepAlive(now, pingIdleMs);
      }
      if (cursor >= total) {
        clearInterval(timer);
        resolve(total);
      }
    }, SEND_TICK_MS);
  });
}

async function drain(conns: LoadConnection[], drainS: number): Promise<void> {
  const deadline = Date.now() + drainS * 1000;
  const outstanding = (): number => conns.reduce((s, c) => s + c.sent - c.acked, 0);
  while (outstanding() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

export async function runLoad(config: LoadConfig): Promise<LoadResult> {
  const { host, port } = brokerAddress(config.url);
  const startedAt = new Date();
  const intervalMs = 1000 / config.ratePerDevice;
  const conns = config.devices.map(
    (d) => new LoadConnection(d, new PayloadTemplate(d, config.seed, startedAt.getTime(), intervalMs)),
  );
  config.log(`connecting ${conns.length} devices to ${host}:${port}, ${config.connections} at a time…`);
  await openAll(conns, host, port, config.connections, config.log);
  const connected = conns.filter((c) => c.isUp).length;
  config.log(
    `${connected}/${conns.length} connected; sending ${config.ratePerDevice}/s each for ${config.durationS} s`,
  );
  const stats = setInterval(() => {
    const sent = conns.reduce((s, c) => s + c.sent, 0);
    const acked = conns.reduce((s, c) => s + c.acked, 0);
    const buffered = conns.reduce((s, c) => s + c.buffered, 0);
    config.log(
      `sent ${sent} · acked ${acked} · in flight ${sent - acked} · socket buffers ${(buffered / 1024).toFixed(0)} KiB`,
    );
  }, 5_000);
  const t0 = Date.now();
  await sendLoop(conns, config, t0);
  const sendWindowS = (Date.now() - t0) / 1000;
  await drain(conns, config.drainS);
  clearInterval(stats);
  for (const c of conns) c.close();
  const result = summarize(conns, config, startedAt, connected, sendWindowS);
  await writeFile(config.out, `${JSON.stringify(result, null, 1)}\n`, 'utf8');
  config.log(
    `done: sent ${result.sent}, acked ${result.acked} (${result.sendRate.toFixed(0)} msg/s); per-device seq ranges in ${config.out}`,
  );
  return result;
}

function summarize(
  conns: LoadConnection[],
  config: LoadConfig,
  startedAt: Date,
  connected: number,
  sendWindowS: number,
): LoadResult {
  const perDevice = conns.map((c): DeviceResult => ({
    id: c.device.id,
    domain: c.device.domain,
    sent: c.sent,
    acked: c.acked,
    skipped: c.skipped,
    firstSeq: c.firstSeq < 0 ? null : c.firstSeq,
    lastSeq: c.lastSeq < 0 ? null : c.lastSeq,
    ...(c.error ? { error: c.error } : {}),
  }));
  const sent = perDevice.reduce((s, d) => s + d.sent, 0);
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    url: config.url,
    devices: conns.length,
    connected,
    ratePerDevice: config.ratePerDevice,
    durationS: config.durationS,
    sent,
    acked: perDevice.reduce((s, d) => s + d.acked, 0),
    sendRate: sendWindowS > 0 ? sent / sendWindowS : 0,
    perDevice,
  };
}
