import { Injectable, Logger } from '@nestjs/common';
import type { Applied } from './transition-applier.js';
import { EngineMetrics } from './engine-metrics.js';
import { FloodGrouper } from './flood-grouper.js';
import type { AlarmWork } from './reading-evaluator.js';

/** What happens after alarm changes commit: metrics, and flood grouping once per batch. */
@Injectable()
export class EngineOutcomes {
  private readonly logger = new Logger(EngineOutcomes.name);

  constructor(
    readonly metrics: EngineMetrics,
    private readonly floods: FloodGrouper,
  ) {}

  /** One committed transition; collects newly raised alarm ids into `raised`. */
  applied(work: AlarmWork, result: Applied, committedAt: number, raised: Set<string>): void {
    this.metrics.transitions.inc({ kind: work.transition.kind });
    this.metrics.latency.observe(Math.max(0, committedAt - work.receivedAt) / 1000);
    if (result.raised !== null && result.alarmId !== null) {
      this.metrics.raised.inc({ level: result.raised });
      raised.add(result.alarmId);
    }
  }

  /** Flood grouping for the batch's new alarms; a failure is logged, the alarms themselves are committed. */
  async afterBatch(raised: ReadonlySet<string>, now: number): Promise<void> {
    try {
      await this.floods.afterRaises(raised, now);
    } catch (err) {
      this.logger.warn({ msg: 'flood grouping failed', alarms: raised.size, err: String(err) });
    }
  }
}
