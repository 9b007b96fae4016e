import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

export interface OverrideRow {
  scope: 'profile' | 'asset';
  scope_id: string;
  rule_id: string;
  override: Record<string, unknown>;
}

export interface RuleStateRow {
  asset_id: string;
  rule_id: string;
  state: Record<string, unknown>;
  noise: number[];
}

/**
 * What the rule engine reads to evaluate (rule overrides, persisted rule states) and the write-behind
 * of rule states. Only cold keys touch it: the evaluation itself runs on
 * in-memory caches.
 */
@Injectable()
export class EngineRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Overrides of the given device profiles and assets. */
  async overrides(deviceIds: readonly string[], assetIds: readonly string[]): Promise<OverrideRow[]> {
    if (deviceIds.length === 0 && assetIds.length === 0) return [];
    return this.db
      .selectFrom('rule_overrides')
      .select(['scope', 'scope_id', 'rule_id', 'override'])
      .where((eb) =>
        eb.or([
          eb.and([eb('scope', '=', 'profile'), eb('scope_id', '=', eb.fn.any(eb.val([...deviceIds])))]),
          eb.and([eb('scope', '=', 'asset'), eb('scope_id', '=', eb.fn.any(eb.val([...assetIds])))]),
        ]),
      )
      .orderBy('rule_id')
      .execute();
  }

  async ruleStates(assetIds: readonly string[]): Promise<RuleStateRow[]> {
    if (assetIds.length === 0) return [];
    return this.db
      .selectFrom('rule_states')
      .select(['asset_id', 'rule_id', 'state', 'noise'])
      .where('asset_id', '=', (eb) => eb.fn.any(eb.val([...assetIds])))
      .execute();
  }

  /** Upserts rule states in one statement (the write-behind flush, or one row inside an alarm change). */
  async saveRuleStates(rows: readonly RuleStateRow[], db: Db = this.db): Promise<void> {
    if (rows.length === 0) return;
    await sql`
      INSERT INTO rule_states (asset_id, rule_id, state, noise, updated_at)
      SELECT a, r, s, n, now()
        FROM unnest(${rows.map((x) => x.asset_id)}::text[], ${rows.map((x) => x.rule_id)}::text[],
                    ${rows.map((x) => JSON.stringify(x.state))}::jsonb[],
                    ${rows.map((x) => JSON.stringify(x.noise))}::jsonb[]) AS t(a, r, s, n)
      ON CONFLICT (asset_id, rule_id)
      DO UPDATE SET state = excluded.state, noise = excluded.noise, updated_at = excluded.updated_at`.execute(
      db,
    );
  }
}
