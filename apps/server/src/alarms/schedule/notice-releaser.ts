import { Injectable } from '@nestjs/common';
import { countsAsOpen, releaseNotices, type AlarmScope, type AlarmState, type HeldNotice } from '#domain';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import { AlarmEventsRepository, type HeldNoticeRow } from '../core/alarm-events.repository.js';
import { recordOf } from '../core/alarm-record.js';
import { AlarmWriter } from '../core/alarm-writer.js';
import { scopeOf, toAssetContext } from '../core/asset-context.js';
import { ContextRepository } from '../core/context.repository.js';
import { toMaintenanceWindow } from '../core/maintenance-windows.js';

const BATCH = 200;

/**
 * Releases notices held back by maintenance windows once no window covers them any more
 * (maintenance.ts releaseNotices): resolution notices always go out, activation notices only while the
 * alarm is still open, the rest are discarded. A released notice is a new, unsuppressed platform event
 * (`data.released = true`), so the utility's webhook gets it — the "resolved notice lost after a
 * silence" of PEERS.md §4 item 6 cannot happen.
 */
@Injectable()
export class NoticeReleaser {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly history: AlarmEventsRepository,
    private readonly context: ContextRepository,
    private readonly writer: AlarmWriter,
  ) {}

  /** Releases what can be released; returns the number of notices decided (released or discarded). */
  async release(now: number): Promise<number> {
    let decided = 0;
    for (let round = 0; round < 50; round++) {
      const n = await this.db.transaction().execute((trx) => this.batch(trx, now));
      decided += n.decided;
      if (n.seen < BATCH || n.decided === 0) break;
    }
    return decided;
  }

  private async batch(trx: Db, now: number): Promise<{ seen: number; decided: number }> {
    const held = await this.history.lockHeld(trx, BATCH);
    if (held.length === 0) return { seen: 0, decided: 0 };
    const windows = (await this.context.windows(trx)).map(toMaintenanceWindow);
    const scopes = await this.scopes(trx, held);
    const notices: HeldNotice[] = held.flatMap(({ event, alarm }) => {
      const scope = scopes.get(alarm.asset_id);
      return scope
        ? [
            {
              id: String(event.id),
              alarmId: alarm.id,
              eventType: event.type,
              alarmOpen: countsAsOpen(alarm.state as AlarmState),
              scope,
            },
          ]
        : [];
    });
    const { release, discard } = releaseNotices(notices, windows, now);
    await this.history.markNotices(
      trx,
      discard.map((n) => n.id),
      'discarded',
    );
    await this.history.markNotices(
      trx,
      release.map((n) => n.id),
      'released',
    );
    const byId = new Map(held.map((h) => [String(h.event.id), h]));
    for (const notice of release) {
      const h = byId.get(notice.id);
      if (!h) continue;
      const e = h.event;
      await this.writer.appendNotices(
        trx,
        recordOf(h.alarm),
        [{ type: e.type, sequence: e.sequence, at: e.at.getTime(), actor: e.actor, reason: e.reason }],
        { released: true, heldSince: e.at.toISOString(), releasedAt: new Date(now).toISOString() },
      );
    }
    return { seen: held.length, decided: release.length + discard.length };
  }

  private async scopes(trx: Db, held: readonly HeldNoticeRow[]): Promise<Map<string, AlarmScope>> {
    const rows = await this.context.assets([...new Set(held.map((h) => h.alarm.asset_id))], trx);
    const out = new Map<string, AlarmScope>();
    for (const row of rows) {
      const asset = toAssetContext(row);
      if (asset) out.set(asset.id, scopeOf(asset));
    }
    return out;
  }
}
