import { timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { isDomain } from '#contracts';
import type { DeviceProfile } from '#domain';
import type { AuthResult, DeviceAuthenticator } from '#mqtt';
import { sha256Hex } from '../common/secrets.js';
import { AppConfig } from '../config/app-config.js';
import { DeviceDirectoryRepository, type DeviceDirectoryRow } from './device-directory.repository.js';
import { PgNotifyListener } from './pg-notify-listener.js';

/** What the ingest knows about a device, without touching PostgreSQL on the message path. */
export interface DirectoryEntry {
  profile: DeviceProfile;
  assetId: string;
  district: string;
  ownerUnitId: string;
  secretHash: string | null;
}

/** Notifications are coalesced for this long, so a bulk import of 10k devices costs a few queries. */
const COALESCE_MS = 100;
/** Safety net behind LISTEN/NOTIFY (a notification can be missed while the listener reconnects). */
const FULL_REFRESH_MS = 5 * 60_000;
/** A failed login is re-checked against PostgreSQL at most this often per device id (bounds DB load from guessing). */
const CHECK_TTL_MS = 5_000;
const MAX_CHECKS = 10_000;

/**
 * In-memory directory of devices (profile, secret hash, asset, district), loaded from PostgreSQL at start
 * and kept current by the registry's `device_changed` / `asset_changed` notifications (registry-notify.ts).
 * Also the broker's `DeviceAuthenticator` (CONTRACT.md §1: username = device id, password = secret).
 */
@Injectable()
export class DeviceDirectory implements DeviceAuthenticator {
  private readonly logger = new Logger(DeviceDirectory.name);
  private readonly entries = new Map<string, DirectoryEntry>();
  private readonly checks = new Map<string, number>();
  private readonly dirtyDevices = new Set<string>();
  private readonly dirtyAssets = new Set<string>();
  private coalesceTimer: NodeJS.Timeout | undefined;
  private fullTimer: NodeJS.Timeout | undefined;
  private listener: PgNotifyListener | null = null;

  constructor(
    private readonly repo: DeviceDirectoryRepository,
    private readonly config: AppConfig,
  ) {}

  get(deviceId: string): DirectoryEntry | undefined {
    return this.entries.get(deviceId);
  }

  get size(): number {
    return this.entries.size;
  }

  async start(): Promise<void> {
    await this.reloadAll();
    this.listener = new PgNotifyListener({
      connectionString: this.config.database.url,
      channels: ['device_changed', 'asset_changed'],
      onNotify: (channel, id) => this.changed(channel, id),
      onConnected: () =>
        void this.reloadAll().catch((err: unknown) => this.warn('directory reload failed', err)),
      onError: (err) => this.warn('device_changed listener lost its connection; reconnecting', err),
    });
    await this.listener.start();
    this.fullTimer = setInterval(
      () => void this.reloadAll().catch((err: unknown) => this.warn('directory reload failed', err)),
      FULL_REFRESH_MS,
    );
    this.fullTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.fullTimer);
    clearTimeout(this.coalesceTimer);
    await this.listener?.stop();
  }

  async authenticate(deviceId: string, secret: string): Promise<AuthResult> {
    const hash = sha256Hex(secret);
    let entry = this.entries.get(deviceId);
    // A device registered (or a secret issued) a moment ago may connect before the notification is applied:
    // read that one device again, at most once per CHECK_TTL_MS, so guessing cannot hammer PostgreSQL.
    if (!entry?.secretHash || !sameHash(hash, entry.secretHash)) {
      if (this.recentlyChecked(deviceId)) return { ok: false, reason: 'bad_credentials' };
      this.rememberCheck(deviceId);
      await this.refreshDevices([deviceId]);
      entry = this.entries.get(deviceId);
      if (!entry?.secretHash || !sameHash(hash, entry.secretHash))
        return { ok: false, reason: 'bad_credentials' };
    }
    // Checked after the secret, so "disabled" is never revealed to someone who does not know it.
    if (!entry.profile.enabled) return { ok: false, reason: 'device_disabled', domain: entry.profile.domain };
    return { ok: true, deviceId, domain: entry.profile.domain };
  }

  async reloadAll(): Promise<void> {
    const rows = await this.repo.all();
    const seen = new Set<string>();
    for (const row of rows) if (this.put(row)) seen.add(row.id);
    for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
    this.logger.log({ msg: 'device directory loaded', devices: this.entries.size });
  }

  /** Re-reads the given devices; those no longer in the table are dropped. */
  async refreshDevices(ids: readonly string[]): Promise<void> {
    const rows = await this.repo.byIds(ids);
    const found = new Set(rows.filter((r) => this.put(r)).map((r) => r.id));
    for (const id of ids) if (!found.has(id)) this.entries.delete(id);
  }

  private changed(channel: string, id: string): void {
    (channel === 'asset_changed' ? this.dirtyAssets : this.dirtyDevices).add(id);
    this.coalesceTimer ??= setTimeout(() => void this.applyChanges(), COALESCE_MS);
  }

  private async applyChanges(): Promise<void> {
    this.coalesceTimer = undefined;
    const devices = [...this.dirtyDevices];
    const assets = [...this.dirtyAssets];
    this.dirtyDevices.clear();
    this.dirtyAssets.clear();
    try {
      await this.refreshDevices(devices);
      for (const row of await this.repo.byAssets(assets)) this.put(row);
    } catch (err) {
      // The next full reload (or the next notification) catches up.
      this.warn('device directory refresh failed', err);
    }
  }

  private put(row: DeviceDirectoryRow): boolean {
    if (!isDomain(row.domain)) {
      this.logger.warn({
        msg: 'device has an unknown domain; ignored by the ingest',
        deviceId: row.id,
        domain: row.domain,
      });
      return false;
    }
    const profile: DeviceProfile = {
      id: row.id,
      domain: row.domain,
      metrics: row.metrics,
      ranges: row.ranges,
      enabled: row.enabled,
    };
    this.entries.set(row.id, {
      profile,
      assetId: row.asset_id,
      district: row.district,
      ownerUnitId: row.owner_unit_id,
      secretHash: row.secret_hash,
    });
    return true;
  }

  private recentlyChecked(deviceId: string): boolean {
    const until = this.checks.get(deviceId);
    return until !== undefined && until > Date.now();
  }

  private rememberCheck(deviceId: string): void {
    if (this.checks.size >= MAX_CHECKS) this.checks.clear();
    this.checks.set(deviceId, Date.now() + CHECK_TTL_MS);
  }

  private warn(msg: string, err: unknown): void {
    this.logger.warn({ msg, err: String(err) });
  }
}

/** sha256 hex digests compared in constant time. */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
