import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { Db, RuleOverrideTable } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

export type RuleOverrideRow = Selectable<RuleOverrideTable>;

export interface OverrideKey {
  scope: 'profile' | 'asset';
  scopeId: string;
  ruleId: string;
}

/** Stored rule overrides (versioned per key) and the registry facts they are checked against. */
@Injectable()
export class RuleOverridesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(): Promise<RuleOverrideRow[]> {
    return this.db
      .selectFrom('rule_overrides')
      .selectAll()
      .orderBy('scope')
      .orderBy('scope_id')
      .orderBy('rule_id')
      .execute();
  }

  async get(key: OverrideKey, db: Db = this.db, lock = false): Promise<RuleOverrideRow | undefined> {
    const q = db
      .selectFrom('rule_overrides')
      .selectAll()
      .where('scope', '=', key.scope)
      .where('scope_id', '=', key.scopeId)
      .where('rule_id', '=', key.ruleId);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  }

  /** Overrides of one device profile and one asset (either may be absent). */
  async forScopes(
    deviceId: string | undefined,
    assetId: string | undefined,
    db: Db = this.db,
  ): Promise<RuleOverrideRow[]> {
    return db
      .selectFrom('rule_overrides')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('scope', '=', 'profile'), eb('scope_id', '=', deviceId ?? '')]),
          eb.and([eb('scope', '=', 'asset'), eb('scope_id', '=', assetId ?? '')]),
        ]),
      )
      .execute();
  }

  /** Inserts version 1 or replaces the row with the next version. */
  async save(
    trx: Db,
    key: OverrideKey,
    override: Record<string, unknown>,
    by: string,
  ): Promise<RuleOverrideRow> {
    return trx
      .insertInto('rule_overrides')
      .values({
        scope: key.scope,
        scope_id: key.scopeId,
        rule_id: key.ruleId,
        override: JSON.stringify(override),
        version: 1,
        updated_by: by,
        updated_at: new Date(),
      })
      .onConflict((oc) =>
        oc.columns(['scope', 'scope_id', 'rule_id']).doUpdateSet((eb) => ({
          override: eb.ref('excluded.override'),
          version: eb(eb.ref('rule_overrides.version'), '+', 1),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(trx: Db, key: OverrideKey): Promise<void> {
    await trx
      .deleteFrom('rule_overrides')
      .where('scope', '=', key.scope)
      .where('scope_id', '=', key.scopeId)
      .where('rule_id', '=', key.ruleId)
      .execute();
  }

  /** The asset a device is bound to, or undefined for an unknown device. */
  async deviceAsset(deviceId: string, db: Db = this.db): Promise<string | undefined> {
    const row = await db
      .selectFrom('devices')
      .select('asset_id')
      .where('id', '=', deviceId)
      .executeTakeFirst();
    return row?.asset_id;
  }

  /** An asset's domain and census attributes, or undefined for an unknown asset. */
  async asset(
    assetId: string,
    db: Db = this.db,
  ): Promise<{ domain: string; attributes: Record<string, unknown> } | undefined> {
    return db
      .selectFrom('assets')
      .select(['domain', 'attributes'])
      .where('id', '=', assetId)
      .executeTakeFirst();
  }
}
