import { sql } from 'kysely';
import type { Db } from '#postgres';

/**
 * PostgreSQL channels the rule engine LISTENs on to refresh its caches. Sent inside the writing
 * transaction, so they are delivered on commit and never for a change that rolled back.
 * rule_overrides_changed carries `scope:scopeId`.
 */
export type AlarmChannel = 'rule_overrides_changed';

export async function notifyAlarmChannel(trx: Db, channel: AlarmChannel, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(trx);
}
