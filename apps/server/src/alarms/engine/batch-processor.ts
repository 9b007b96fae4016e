import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../core/clock.js';
import { EngineCaches } from './engine-caches.js';
import { EngineOutcomes } from './engine-outcomes.js';
import type { QueuedReading } from './engine-queue.js';
import { ReadingEvaluator } from './reading-evaluator.js';
import { TransitionApplier } from './transition-applier.js';

/** Assets whose alarm changes run at once; each asset's own changes stay strictly in order. */
const ASSET_CONCURRENCY = 4;

/**
 * One engine batch: load what cold assets need, evaluate every reading in memory, then commit each
 * transition as its own alarm change. An asset whose change fails is handed back for a retry with its
 * states dropped, so it is re-evaluated from what PostgreSQL committed (nothing half-applied survives).
 */
@Injectable()
export class BatchProcessor {
  private readonly logger = new Logger(BatchProcessor.name);

  constructor(
    private readonly caches: EngineCaches,
    private readonly evaluator: ReadingEvaluator,
    private readonly applier: TransitionApplier,
    private readonly outcomes: EngineOutcomes,
    private readonly clock: Clock,
  ) {}

  /** Returns the readings to retry, by asset (empty when everything committed). */
  async process(batch: Map<string, QueuedReading[]>): Promise<Map<string, QueuedReading[]>> {
    try {
      await this.caches.ensure(batch);
    } catch (err) {
      this.logger.warn({ msg: 'engine could not load its context; retrying', err: String(err) });
      return batch;
    }
    const failed = new Map<string, QueuedReading[]>();
    const raised = new Set<string>();
    const assets = [...batch.entries()];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < assets.length) {
        const [assetId, items] = assets[next++];
        if (!(await this.processAsset(items, raised))) failed.set(assetId, items);
      }
    };
    await Promise.all(Array.from({ length: ASSET_CONCURRENCY }, worker));
    await this.outcomes.afterBatch(raised, this.clock.now());
    return failed;
  }

  private async processAsset(items: readonly QueuedReading[], raised: Set<string>): Promise<boolean> {
    const assetId = items[0].reading.assetId;
    const work = this.evaluator.evaluateAsset(items, this.clock.now());
    if (work === null) return false;
    for (const w of work) {
      try {
        const result = await this.applier.apply(w, this.clock.now());
        this.outcomes.applied(w, result, Date.now(), raised);
      } catch (err) {
        this.caches.dropStates(assetId);
        this.outcomes.metrics.failures.inc();
        this.logger.warn({ msg: 'alarm change failed; the asset is retried', assetId, err: String(err) });
        return false;
      }
    }
    return true;
  }
}
