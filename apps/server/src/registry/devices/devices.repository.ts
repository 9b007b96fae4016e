import { Injectable } from '@nestjs/common';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, DeviceTable } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import type { Page } from '../pagination.js';
import type { DeviceRecord } from './device-views.js';

/** A device profile to write; timestamps, secret and health columns are the database's. */
export type NewDeviceRow = Omit<Insertable<DeviceTable>, 'updated_at' | 'online'>;

export interface DeviceFilter {
  domain?: string;
  assetId?: string;
  ownerUnitId?: string;
  online?: boolean;
  enabled?: boolean;
}

const stamped = (row: NewDeviceRow) => ({ ...row, online: false, updated_at: sql<Date>`now()` });

/** Rows per INSERT: 7 columns × 1,000 stays far below PostgreSQL's 65,535 bind parameters. */
const BATCH = 1000;

@Injectable()
export class DevicesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Devices with their asset's owner unit; `secret_hash` is never selected, only whether one exists. */
  private select(db: Db) {
    return db
      .selectFrom('devices as d')
      .innerJoin('assets as a', 'a.id', 'd.asset_id')
      .select([
        'd.id',
        'd.domain',
        'd.asset_id',
        'd.name',
        'd.metrics',
        'd.report_interval_s',
        'd.ranges',
        'd.enabled',
        'd.secret_issued_at',
        'd.online',
        'd.last_seen_at',
        'd.battery_pct',
        'd.rssi_dbm',
        'd.created_at',
        'd.updated_at',
        'a.owner_unit_id',
        sql<boolean>`d.secret_hash is not null`.as('has_secret'),
      ]);
  }

  async list(filter: DeviceFilter, page: Page): Promise<DeviceRecord[]> {
    let q = this.select(this.db);
    if (filter.domain) q = q.where('d.domain', '=', filter.domain);
    if (filter.assetId) q = q.where('d.asset_id', '=', filter.assetId);
    if (filter.ownerUnitId) q = q.where('a.owner_unit_id', '=', filter.ownerUnitId);
    if (filter.online !== undefined) q = q.where('d.online', '=', filter.online);
    if (filter.enabled !== undefined) q = q.where('d.enabled', '=', filter.enabled);
    if (page.afterId !== undefined) q = q.where('d.id', '>', page.afterId);
    if (page.offset) q = q.offset(page.offset);
    return q.orderBy('d.id').limit(page.limit).execute();
  }

  /** `lock` takes a row lock for a read-modify-write inside the caller's transaction. */
  async findById(id: string, db: Db = this.db, lock = false): Promise<DeviceRecord | undefined> {
    const q = this.select(db).where('d.id', '=', id);
    return (lock ? q.forUpdate('d') : q).executeTakeFirst();
  }

  /** Domains of the existing ones of `ids`. */
  async domains(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('devices')
      .select(['id', 'domain'])
      .where('id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .execute();
    return new Map(rows.map((r) => [r.id, r.domain]));
  }

  /** Inserts unless the id exists; false means it did. */
  async insert(row: NewDeviceRow, trx: Db): Promise<boolean> {
    const done = await trx
      .insertInto('devices')
      .values(stamped(row))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return done !== undefined;
  }

  async update(id: string, changes: Updateable<DeviceTable>, trx: Db): Promise<void> {
    await trx
      .updateTable('devices')
      .set({ ...changes, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Inserts or replaces the profile of every row (secret and health fields untouched). */
  async upsertMany(rows: readonly NewDeviceRow[], trx: Db): Promise<{ created: number; updated: number }> {
    // Same lock order in every import (by id), so two overlapping imports wait for each other
    // instead of deadlocking.
    const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let created = 0;
    for (let i = 0; i < sorted.length; i += BATCH) {
      const result = await trx
        .insertInto('devices')
        .values(sorted.slice(i, i + BATCH).map(stamped))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            asset_id: eb.ref('excluded.asset_id'),
            name: eb.ref('excluded.name'),
            metrics: eb.ref('excluded.metrics'),
            report_interval_s: eb.ref('excluded.report_interval_s'),
            ranges: eb.ref('excluded.ranges'),
            enabled: eb.ref('excluded.enabled'),
            updated_at: sql<Date>`now()`,
          })),
        )
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
      created += result.filter((r) => r.inserted).length;
    }
    return { created, updated: rows.length - created };
  }

  /** Replaces secret hashes in bulk; the previous secret stops working when this commits. */
  async setSecretHashes(pairs: readonly { id: string; hash: string }[], trx: Db): Promise<void> {
    for (let i = 0; i < pairs.length; i += BATCH) {
      const batch = pairs.slice(i, i + BATCH);
      await sql`
        update devices set secret_hash = v.hash, secret_issued_at = now(), updated_at = now()
        from unnest(${batch.map((p) => p.id)}::text[], ${batch.map((p) => p.hash)}::text[]) as v(id, hash)
        where devices.id = v.id`.execute(trx);
    }
  }
}
