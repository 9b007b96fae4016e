import { Injectable, Logger } from '@nestjs/common';
import { nextEscalation, type Actor, type WorkflowCommand } from '#domain';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import { AlarmException } from '../alarms.exception.js';
import { AlarmPolicy } from '../core/alarm-policy.js';
import { dueColumns, recordOf, type AlarmRow } from '../core/alarm-record.js';
import { AlarmsRepository, type DueColumn } from '../core/alarms.repository.js';
import { SequenceConflict, WorkflowRunner } from '../core/workflow-runner.js';

/** The SLA scheduler acting on alarms (workflow-model.ts role `system`). */
export const SCHEDULER: Actor = { id: 'sla-scheduler', role: 'system' };

/** Alarms handled per tick and kind; the rest wait for the next tick (15 s). */
const PER_TICK = 200;

const iso = (ms: number): string => new Date(ms).toISOString();
const HOUR = 3_600_000;

/**
 * SLA escalation and auto-close (DOMAIN.md §c.1, §c.3), safe with several dispatcher processes: each
 * alarm is locked with SKIP LOCKED in a transaction of its own, and the pure domain escalates a stage
 * once (`escalatedStages`) and closes only after the verification window of normal data.
 */
@Injectable()
export class EscalationScheduler {
  private readonly logger = new Logger(EscalationScheduler.name);

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly alarms: AlarmsRepository,
    private readonly runner: WorkflowRunner,
    private readonly policy: AlarmPolicy,
  ) {}

  /** Escalates every overdue stage and closes verified alarms; returns how many alarms changed. */
  async tick(now: number): Promise<number> {
    let changed = 0;
    for (const id of await this.alarms.dueIds('escalation_due_at', new Date(now), PER_TICK))
      changed += await this.one(id, 'escalation_due_at', now);
    for (const id of await this.alarms.dueIds('close_due_at', new Date(now), PER_TICK))
      changed += await this.one(id, 'close_due_at', now);
    return changed;
  }

  private async one(id: string, column: DueColumn, now: number): Promise<number> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await this.alarms.lockIfDue(trx, id, column, new Date(now));
        if (!row) return 0;
        const command = column === 'escalation_due_at' ? this.escalation(row, now) : this.closing(row);
        if (!command) {
          await this.alarms.setDue(trx, id, dueColumns(recordOf(row).workflow, now, this.policy));
          return 0;
        }
        await this.runner.run(trx, row, command, SCHEDULER, now);
        return 1;
      });
    } catch (err) {
      if (err instanceof SequenceConflict) return 0; // changed meanwhile: due times were recomputed with it
      if (err instanceof AlarmException) return this.refused(id, column, now, err);
      throw err;
    }
  }

  private escalation(row: AlarmRow, now: number): WorkflowCommand | null {
    const next = nextEscalation(recordOf(row).workflow, now, this.policy.sla);
    if (!next?.overdue) return null;
    return {
      type: 'escalate',
      stage: next.stage,
      reason: `SLA stage ${next.stage} overdue since ${iso(next.at)} (DOMAIN.md §c.1): notify the supervising bureau`,
    };
  }

  private closing(row: AlarmRow): WorkflowCommand {
    const w = recordOf(row).workflow;
    const hours = this.policy.workflow.verificationWindowMs[w.level] / HOUR;
    return {
      type: 'close',
      reason: `auto-close: ${hours} h of normal data after the resolution (DOMAIN.md §c.3 verification window)`,
    };
  }

  /** The domain refused (e.g. the condition came back): store fresh due times so the alarm is not retried at once. */
  private async refused(id: string, column: DueColumn, now: number, err: AlarmException): Promise<number> {
    this.logger.warn({ msg: 'scheduled alarm action refused', alarmId: id, column, code: err.code });
    await this.db.transaction().execute(async (trx) => {
      const row = await this.alarms.findById(id, { lock: true, db: trx });
      if (!row) return;
      const due = dueColumns(recordOf(row).workflow, now, this.policy);
      const stuck = due[column] !== null && due[column].getTime() <= now;
      await this.alarms.setDue(trx, id, stuck ? { ...due, [column]: null } : due);
    });
    return 0;
  }
}
