import { Injectable } from '@nestjs/common';
import type { Insertable } from 'kysely';
import { isEventType } from '#contracts';
import type { WorkflowEvent } from '#domain';
import type { AlarmEventTable, Db } from '#postgres';
import { AppConfig } from '../../config/app-config.js';
import { EventsService } from '../../events/events.service.js';
import { AlarmEventsRepository } from './alarm-events.repository.js';
import { platformEventsOf, type NoticeEvent } from './alarm-notices.js';
import { AlarmPolicy } from './alarm-policy.js';
import { rowOf, type AlarmRecord } from './alarm-record.js';
import { AlarmsRepository } from './alarms.repository.js';

/** One change of one alarm: the record after it and the events that led there. */
export interface AlarmChange {
  record: AlarmRecord;
  /** Sequence the stored row must still have; null inserts a new alarm. */
  previousSequence: number | null;
  events: readonly WorkflowEvent[];
  /** Recorded inside a maintenance window: held back from the utility until the window ends. */
  suppressed: boolean;
}

/**
 * The one way an alarm change reaches PostgreSQL (engine, API, schedulers): the alarm row, its history
 * rows and the platform events, in the caller's transaction. Appending the platform events takes the
 * event log's commit-order lock, so `write` is the last statement of the caller's transaction.
 */
@Injectable()
export class AlarmWriter {
  private readonly publicUrl: string;

  constructor(
    private readonly alarms: AlarmsRepository,
    private readonly history: AlarmEventsRepository,
    private readonly events: EventsService,
    private readonly policy: AlarmPolicy,
    config: AppConfig,
  ) {
    this.publicUrl = config.http.publicUrl;
  }

  /**
   * false when the write lost a race: an insert found another open alarm for (asset, rule), or an update
   * found the row at another sequence. Nothing was written then; the caller re-reads and re-decides.
   */
  async write(trx: Db, change: AlarmChange, now: number): Promise<boolean> {
    const row = { ...rowOf(change.record, now, this.policy), id: change.record.workflow.id };
    const stored =
      change.previousSequence === null
        ? await this.alarms.insertOpen(trx, row)
        : await this.alarms.update(trx, change.previousSequence, row);
    if (!stored) return false;
    await this.history.insert(
      trx,
      change.events.map((e) => historyRow(e, change.suppressed)),
    );
    const riskLevel = await this.alarms.riskLevelOf(trx, change.record.workflow.assetId);
    await this.events.append(
      trx,
      platformEventsOf(change.record, change.events, {
        suppressed: change.suppressed,
        riskLevel,
        publicUrl: this.publicUrl,
      }),
    );
    return true;
  }

  /** Platform events for notices decided elsewhere (a held notice released after its window). */
  async appendNotices(
    trx: Db,
    record: AlarmRecord,
    notices: readonly NoticeEvent[],
    extra: Record<string, unknown>,
  ): Promise<void> {
    const riskLevel = await this.alarms.riskLevelOf(trx, record.workflow.assetId);
    await this.events.append(
      trx,
      platformEventsOf(record, notices, { suppressed: false, riskLevel, publicUrl: this.publicUrl, extra }),
    );
  }
}

function historyRow(e: WorkflowEvent, suppressed: boolean): Insertable<AlarmEventTable> {
  return {
    alarm_id: e.alarmId,
    sequence: e.sequence,
    type: e.type,
    at: new Date(e.at),
    actor: e.actor,
    role: e.role,
    reason: e.reason,
    from_state: e.from,
    to_state: e.to,
    detail: JSON.stringify(e.detail),
    suppressed,
    // Only notices the utility would have received are held; history-only events have nothing to release.
    notice: suppressed && isEventType(e.type) ? 'held' : null,
  };
}
