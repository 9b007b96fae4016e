import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { Db, OwnerUnitTable } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import type { CreateOwnerUnitDto } from './owner-units.dto.js';

export type OwnerUnitRow = Selectable<OwnerUnitTable>;

@Injectable()
export class OwnerUnitsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Every unit, or only `onlyId` when the caller is scoped to one. */
  async list(onlyId?: string): Promise<OwnerUnitRow[]> {
    let query = this.db.selectFrom('owner_units').selectAll();
    if (onlyId !== undefined) query = query.where('id', '=', onlyId);
    return query.orderBy('id').execute();
  }

  async findById(id: string): Promise<OwnerUnitRow | undefined> {
    return this.db.selectFrom('owner_units').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Inserts unless the id exists; undefined means it did. */
  async insert(unit: CreateOwnerUnitDto, trx: Db): Promise<OwnerUnitRow | undefined> {
    return trx
      .insertInto('owner_units')
      .values({
        id: unit.id,
        name: unit.name,
        domains: unit.domains,
        contact: JSON.stringify(unit.contact ?? {}),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  /** Which of `ids` exist. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('owner_units')
      .select('id')
      .where('id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .execute();
    return new Set(rows.map((r) => r.id));
  }
}
