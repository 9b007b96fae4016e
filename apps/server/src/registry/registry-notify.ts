import { sql } from 'kysely';
import type { Db } from '#postgres';

/**
 * Channels the MQTT ingest LISTENs on to refresh its device/asset cache. PostgreSQL delivers a NOTIFY
 * only when the transaction commits (and folds duplicates), so sending inside the write's transaction
 * means listeners never see a change that was rolled back.
 */
export type RegistryChannel = 'device_changed' | 'asset_changed';

export async function notifyChanged(
  trx: Db,
  channel: RegistryChannel,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await sql`select pg_notify(${channel}, id) from unnest(${[...ids]}::text[]) as id`.execute(trx);
}
