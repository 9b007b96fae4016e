import { Injectable, Logger } from '@nestjs/common';
import { SerialTicker } from '../serial-ticker.js';
import { DeviceStateRepository, type DeviceStateChange } from './device-state.repository.js';

const FLUSH_MS = 1000;

/**
 * Presence and device health (DOMAIN.md §a.7: battery, signal, last seen) accumulated in memory and
 * written once per second for every device that changed: one UPDATE, never one per message. Only the
 * latest value per device survives a window, which is all the columns hold.
 */
@Injectable()
export class DeviceStateWriter {
  private readonly logger = new Logger(DeviceStateWriter.name);
  private pending = new Map<string, DeviceStateChange>();
  private readonly ticker = new SerialTicker(
    FLUSH_MS,
    () => this.flush(),
    (err) => this.logger.error({ msg: 'device state flush failed', err: String(err) }),
  );

  constructor(private readonly repo: DeviceStateRepository) {}

  start(): void {
    this.ticker.start();
  }

  async stop(): Promise<void> {
    await this.ticker.stop();
  }

  async flushNow(): Promise<void> {
    await this.ticker.runNow();
  }

  /** Broker connect/disconnect, a `…/status` message or a Last Will. */
  setOnline(deviceId: string, online: boolean): void {
    this.change(deviceId).online = online;
  }

  /**
   * Accepted telemetry: the platform heard from the device at `at`; battery and signal from its newest
   * sample. Presence is left to connections and status messages: with several ingest replicas a reading
   * can be handled after the device's Last Will, and must not bring a dead device back online.
   */
  touch(deviceId: string, at: number, batteryPct?: number, rssiDbm?: number): void {
    const c = this.change(deviceId);
    if (!c.lastSeenAt || c.lastSeenAt.getTime() < at) c.lastSeenAt = new Date(at);
    if (batteryPct !== undefined) c.batteryPct = batteryPct;
    if (rssiDbm !== undefined) c.rssiDbm = rssiDbm;
  }

  private change(deviceId: string): DeviceStateChange {
    let c = this.pending.get(deviceId);
    if (!c)
      this.pending.set(
        deviceId,
        (c = { id: deviceId, online: null, lastSeenAt: null, batteryPct: null, rssiDbm: null }),
      );
    return c;
  }

  private async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const changes = this.pending;
    this.pending = new Map();
    try {
      await this.repo.apply([...changes.values()]);
    } catch (err) {
      // Newer changes made meanwhile win; the failed ones fill in what is still missing.
      for (const [id, old] of changes) {
        const now = this.pending.get(id);
        if (!now) this.pending.set(id, old);
        else merge(now, old);
      }
      throw err;
    }
  }
}

function merge(newer: DeviceStateChange, older: DeviceStateChange): void {
  newer.online ??= older.online;
  newer.batteryPct ??= older.batteryPct;
  newer.rssiDbm ??= older.rssiDbm;
  if (older.lastSeenAt && (!newer.lastSeenAt || newer.lastSeenAt < older.lastSeenAt))
    newer.lastSeenAt = older.lastSeenAt;
}
