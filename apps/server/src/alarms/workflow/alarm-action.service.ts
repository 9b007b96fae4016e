import { Injectable } from '@nestjs/common';
import type { Actor, WorkflowCommand } from '#domain';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { InjectDb } from '../../database/database.module.js';
import { AlarmException } from '../alarms.exception.js';
import { AlarmsRepository } from '../core/alarms.repository.js';
import { Clock } from '../core/clock.js';
import { SequenceConflict, WorkflowRunner } from '../core/workflow-runner.js';
import { ACTION_PATHS, type ActionPath, type AlarmActionDto } from './alarms.dto.js';

/** A concurrent change (the engine noting a condition, another user) is retried with a fresh read. */
const MAX_ATTEMPTS = 3;

/**
 * Workflow actions through the API: who (the principal), what (the action), why (the reason), applied
 * by the pure workflow and stored with the history row, the platform event and the audit record in one
 * transaction. The domain re-checks the action on every attempt, so a retry never does what the newer
 * state forbids (two operators verifying at once: the second gets 409 INVALID_TRANSITION).
 */
@Injectable()
export class AlarmActionService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly alarms: AlarmsRepository,
    private readonly runner: WorkflowRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async act(id: string, path: ActionPath, body: AlarmActionDto, p: Principal): Promise<void> {
    const command = toCommand(path, body);
    const actor: Actor = { id: p.actor, role: p.role, ownerUnitId: p.ownerUnitId };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.transaction().execute((trx) => this.attempt(trx, id, command, body, actor, p));
        return;
      } catch (err) {
        if (!(err instanceof SequenceConflict) || attempt >= MAX_ATTEMPTS) throw conflictOf(err);
      }
    }
  }

  private async attempt(
    trx: Db,
    id: string,
    command: WorkflowCommand,
    body: AlarmActionDto,
    actor: Actor,
    p: Principal,
  ): Promise<void> {
    const row = await this.alarms.findById(id, { ownerUnitId: ownerScope(p), db: trx });
    if (!row) throw new AlarmException('ALARM_NOT_FOUND', `no alarm ${id}`);
    if (body.sequence !== undefined && body.sequence !== row.sequence)
      throw new AlarmException(
        'ALARM_CONFLICT',
        `alarm ${id} is at sequence ${row.sequence}, not ${body.sequence}`,
      );
    await this.runner.run(trx, row, command, actor, this.clock.now(), (ran) =>
      this.audit.record(
        {
          actor: p.actor,
          role: p.role,
          action: `alarm.${command.type}`,
          targetType: 'alarm',
          targetId: row.id,
          reason: ran.event.reason,
          detail: {
            from: ran.event.from,
            to: ran.event.to,
            sequence: ran.event.sequence,
            assetId: row.asset_id,
            ...(command.until !== undefined ? { until: new Date(command.until).toISOString() } : {}),
            ...(command.force ? { force: true } : {}),
          },
        },
        trx,
      ),
    );
  }
}

function toCommand(path: ActionPath, body: AlarmActionDto): WorkflowCommand {
  return {
    type: ACTION_PATHS[path],
    reason: body.reason ?? '',
    ...(body.until !== undefined ? { until: Date.parse(body.until) } : {}),
    ...(body.force !== undefined ? { force: body.force } : {}),
  };
}

function conflictOf(err: unknown): unknown {
  return err instanceof SequenceConflict
    ? new AlarmException('ALARM_CONFLICT', `${err.message}; reload it and try again`)
    : err;
}
