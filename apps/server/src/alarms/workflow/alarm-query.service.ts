import { Injectable } from '@nestjs/common';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { AlarmException } from '../alarms.exception.js';
import { AlarmEventsRepository } from '../core/alarm-events.repository.js';
import { AlarmPolicy } from '../core/alarm-policy.js';
import { AlarmsRepository } from '../core/alarms.repository.js';
import { Clock } from '../core/clock.js';
import { AlarmListRepository, decodeCursor, encodeCursor } from './alarm-list.repository.js';
import { toAlarmEventView, toAlarmView, type AlarmDetailView, type AlarmPage } from './alarm-views.js';
import type { AlarmListQueryDto } from './alarms.dto.js';

/** Reads of alarms; a utility principal sees its own owner unit's alarms only (404 for the others). */
@Injectable()
export class AlarmQueryService {
  constructor(
    private readonly list: AlarmListRepository,
    private readonly alarms: AlarmsRepository,
    private readonly history: AlarmEventsRepository,
    private readonly policy: AlarmPolicy,
    private readonly clock: Clock,
  ) {}

  async find(q: AlarmListQueryDto, p: Principal): Promise<AlarmPage> {
    const now = this.clock.now();
    const limit = q.limit ?? 100;
    const rows = await this.list.list(
      {
        state: q.state,
        level: q.level,
        domain: q.domain,
        district: q.district,
        assetId: q.assetId,
        ownerUnitId: ownerScope(p),
        open: q.open,
        overdueAt: q.overdue ? new Date(now) : undefined,
      },
      limit,
      q.cursor === undefined ? undefined : decodeCursor(q.cursor),
    );
    return {
      items: rows.map((r) => toAlarmView(r, now, this.policy)),
      nextCursor: rows.length === limit ? encodeCursor(rows[rows.length - 1]) : null,
    };
  }

  async get(id: string, p: Principal): Promise<AlarmDetailView> {
    const row = await this.alarms.findById(id, { ownerUnitId: ownerScope(p) });
    if (!row) throw new AlarmException('ALARM_NOT_FOUND', `no alarm ${id}`);
    const events = await this.history.history(row.id);
    return { ...toAlarmView(row, this.clock.now(), this.policy), events: events.map(toAlarmEventView) };
  }
}
