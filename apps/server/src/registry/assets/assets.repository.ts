import { Injectable } from '@nestjs/common';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { AssetTable, Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import type { Page } from '../pagination.js';
import type { AssetRow } from './asset-views.js';

/** An asset to write; timestamps are the database's. */
export type NewAssetRow = Omit<Insertable<AssetTable>, 'updated_at'>;

export interface AssetFilter {
  domain?: string;
  district?: string;
  ownerUnitId?: string;
  kind?: string;
}

const stamped = (row: NewAssetRow) => ({ ...row, updated_at: sql<Date>`now()` });

/** Rows per INSERT: 10 columns × 1,000 stays far below PostgreSQL's 65,535 bind parameters. */
const BATCH = 1000;

@Injectable()
export class AssetsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filter: AssetFilter, page: Page): Promise<AssetRow[]> {
    let q = this.db.selectFrom('assets').selectAll();
    if (filter.domain) q = q.where('domain', '=', filter.domain);
    if (filter.district) q = q.where('district', '=', filter.district);
    if (filter.ownerUnitId) q = q.where('owner_unit_id', '=', filter.ownerUnitId);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (page.afterId !== undefined) q = q.where('id', '>', page.afterId);
    if (page.offset) q = q.offset(page.offset);
    return q.orderBy('id').limit(page.limit).execute();
  }

  /** `lock` takes a row lock for a read-modify-write inside the caller's transaction. */
  async findById(id: string, db: Db = this.db, lock = false): Promise<AssetRow | undefined> {
    const q = db.selectFrom('assets').selectAll().where('id', '=', id);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  }

  /** domain and owner of each of `ids` that exists. */
  async identities(
    ids: readonly string[],
    db: Db = this.db,
  ): Promise<Map<string, { domain: string; ownerUnitId: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('assets')
      .select(['id', 'domain', 'owner_unit_id'])
      .where('id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .execute();
    return new Map(rows.map((r) => [r.id, { domain: r.domain, ownerUnitId: r.owner_unit_id }]));
  }

  /** Inserts unless the id exists; undefined means it did. */
  async insert(row: NewAssetRow, trx: Db): Promise<AssetRow | undefined> {
    return trx
      .insertInto('assets')
      .values(stamped(row))
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  async update(id: string, changes: Updateable<AssetTable>, trx: Db): Promise<AssetRow> {
    return trx
      .updateTable('assets')
      .set({ ...changes, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Inserts or replaces every row; counts which ids were new (`xmax = 0` marks a row this statement inserted). */
  async upsertMany(rows: readonly NewAssetRow[], trx: Db): Promise<{ created: number; updated: number }> {
    // Same lock order in every import (by id), so two overlapping imports wait for each other
    // instead of deadlocking.
    const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let created = 0;
    for (let i = 0; i < sorted.length; i += BATCH) {
      const result = await trx
        .insertInto('assets')
        .values(sorted.slice(i, i + BATCH).map(stamped))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            name: eb.ref('excluded.name'),
            district: eb.ref('excluded.district'),
            geometry: eb.ref('excluded.geometry'),
            owner_unit_id: eb.ref('excluded.owner_unit_id'),
            attributes: eb.ref('excluded.attributes'),
            length_m: eb.ref('excluded.length_m'),
            parent_id: eb.ref('excluded.parent_id'),
            updated_at: sql<Date>`now()`,
          })),
        )
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
      created += result.filter((r) => r.inserted).length;
    }
    return { created, updated: rows.length - created };
  }

  /** Sets parent ids in bulk (a second pass, so rows may name parents that come later in the same import). */
  async setParents(pairs: readonly { id: string; parentId: string }[], trx: Db): Promise<void> {
    for (let i = 0; i < pairs.length; i += BATCH) {
      const batch = pairs.slice(i, i + BATCH);
      await sql`
        update assets set parent_id = v.parent_id
        from unnest(${batch.map((p) => p.id)}::text[], ${batch.map((p) => p.parentId)}::text[]) as v(id, parent_id)
        where assets.id = v.id`.execute(trx);
    }
  }

  /** Which of `ids` sit on a parent cycle (the FK can't prevent one). */
  async onCycle(ids: readonly string[], trx: Db): Promise<string[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql<{ id: string }>`
      with recursive up(start_id, id) as (
        select a.id, a.parent_id from assets a where a.id = any(${[...ids]}::text[]) and a.parent_id is not null
        union
        select up.start_id, a.parent_id from up join assets a on a.id = up.id
        where a.parent_id is not null and up.id <> up.start_id
      )
      select distinct start_id as id from up where id = start_id`.execute(trx);
    return rows.map((r) => r.id);
  }
}
