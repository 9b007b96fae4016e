import { Injectable } from '@nestjs/common';
import { isSuppressed, type AlarmScope } from '#domain';
import type { Db } from '#postgres';
import { recordOf, type AlarmRecord } from './alarm-record.js';
import { AlarmsRepository } from './alarms.repository.js';
import { ContextRepository } from './context.repository.js';
import { toMaintenanceWindow } from './maintenance-windows.js';

/** What the engine reads inside an alarm change's transaction before deciding it. */
@Injectable()
export class ChangeContext {
  constructor(
    private readonly alarms: AlarmsRepository,
    private readonly context: ContextRepository,
  ) {}

  /** The open alarm of (asset, rule), row-locked. */
  async open(trx: Db, assetId: string, ruleId: string): Promise<AlarmRecord | null> {
    const row = await this.alarms.findOpenForUpdate(trx, assetId, ruleId);
    return row ? recordOf(row) : null;
  }

  /** The earlier occurrence a new alarm links to. */
  previous(trx: Db, assetId: string, ruleId: string): Promise<string | null> {
    return this.alarms.previousAlarmId(trx, assetId, ruleId);
  }

  /**
   * Whether a maintenance window covers the scope now. Read at the change rather than cached: a window
   * created a moment ago already suppresses, and alarm changes are rare next to readings.
   */
  async suppressed(trx: Db, scope: AlarmScope, now: number): Promise<boolean> {
    const windows = (await this.context.windows(trx)).map(toMaintenanceWindow);
    return isSuppressed(scope, windows, now);
  }
}
