import { Injectable } from '@nestjs/common';
import { apply, type Actor, type WorkflowAlarm, type WorkflowCommand, type WorkflowEvent } from '#domain';
import type { Db } from '#postgres';
import { AlarmException } from '../alarms.exception.js';
import { AlarmPolicy } from './alarm-policy.js';
import { recordOf, type AlarmRow } from './alarm-record.js';
import { AlarmWriter } from './alarm-writer.js';
import { Suppression } from './suppression.js';

/** A workflow action that was applied and stored. */
export interface Ran {
  alarm: WorkflowAlarm;
  event: WorkflowEvent;
}

/** Thrown when the stored alarm moved on between read and write: the caller retries with a fresh read. */
export class SequenceConflict extends Error {
  constructor(readonly alarmId: string) {
    super(`alarm ${alarmId} changed meanwhile`);
  }
}

/**
 * Load → apply → persist for one workflow action (API users and the schedulers alike): the pure `apply`
 * decides, its refusal becomes an AlarmException with the domain's code, and the change is written
 * with an optimistic sequence check. `beforeWrite` runs in the same transaction first (the audit record).
 */
@Injectable()
export class WorkflowRunner {
  constructor(
    private readonly writer: AlarmWriter,
    private readonly suppression: Suppression,
    private readonly policy: AlarmPolicy,
  ) {}

  async run(
    trx: Db,
    row: AlarmRow,
    command: WorkflowCommand,
    actor: Actor,
    now: number,
    beforeWrite?: (ran: Ran) => Promise<void>,
  ): Promise<Ran> {
    const record = recordOf(row);
    const result = apply(record.workflow, command, actor, now, this.policy.workflow);
    if (!result.ok) throw new AlarmException(result.error.code, result.error.message);
    const ran = { alarm: result.alarm, event: result.event };
    await beforeWrite?.(ran);
    const suppressed = await this.suppression.at(trx, record.workflow.assetId, now);
    const written = await this.writer.write(
      trx,
      {
        record: { ...record, workflow: result.alarm },
        previousSequence: row.sequence,
        events: [result.event],
        suppressed,
      },
      now,
    );
    if (!written) throw new SequenceConflict(row.id);
    return ran;
  }
}
