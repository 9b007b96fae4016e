import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AlarmLevel } from '#domain';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import { AlarmPolicy } from '../core/alarm-policy.js';
import { AlarmWriter, type AlarmChange } from '../core/alarm-writer.js';
import { scopeOf } from '../core/asset-context.js';
import { ChangeContext } from '../core/change-context.js';
import type { AlarmWork } from './reading-evaluator.js';
import { RuleStateStore } from './rule-state.store.js';
import { planTransition } from './transition-plan.js';

/** What a committed transition did. */
export interface Applied {
  alarmId: string | null;
  /** Level of a newly raised alarm; null when an existing alarm changed or nothing did. */
  raised: AlarmLevel | null;
}

/** An insert and a re-read can each lose once to another replica; a third loss means something is wrong. */
const MAX_ROUNDS = 3;

/**
 * Turns one rule transition into one alarm change, in one transaction with the rule state that caused it
 * (so a restart resumes exactly after it). The open alarm of (asset, rule) is read FOR UPDATE; a new
 * alarm is inserted against the partial unique index, and when another replica raised it first the
 * transition is folded into that alarm instead: never two open alarms, never a lost transition.
 */
@Injectable()
export class TransitionApplier {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly context: ChangeContext,
    private readonly writer: AlarmWriter,
    private readonly states: RuleStateStore,
    private readonly policy: AlarmPolicy,
  ) {}

  async apply(work: AlarmWork, now: number): Promise<Applied> {
    const { asset, rule } = work;
    return this.db.transaction().execute(async (trx) => {
      await this.states.saveInTransaction(trx, asset.id, rule.id, work.snapshot);
      const suppressed = await this.context.suppressed(trx, scopeOf(asset), now);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const open = await this.context.open(trx, asset.id, rule.id);
        const wantsNew = !open && (work.transition.kind === 'raise' || work.transition.kind === 'escalate');
        const change = planTransition({
          open,
          work,
          now,
          newId: randomUUID(),
          previousAlarmId: wantsNew ? await this.context.previous(trx, asset.id, rule.id) : null,
          suppressed,
          config: this.policy.workflow,
        });
        if (!change) return { alarmId: open?.workflow.id ?? null, raised: null };
        // write() is the transaction's last statement (it appends to the event log under its lock).
        if (await this.writer.write(trx, change, now)) return applied(change);
      }
      throw new Error(`alarm change of ${asset.id}/${rule.id} lost ${MAX_ROUNDS} races in a row`);
    });
  }
}

function applied(change: AlarmChange): Applied {
  return {
    alarmId: change.record.workflow.id,
    raised: change.previousSequence === null ? change.record.workflow.level : null,
  };
}
