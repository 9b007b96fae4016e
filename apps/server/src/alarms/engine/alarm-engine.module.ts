import { Module } from '@nestjs/common';
import { IngestModule } from '../../ingest/ingest.module.js';
import { AlarmsCoreModule } from '../core/alarms-core.module.js';
import { AlarmEngine } from './alarm-engine.js';
import { AssetContexts } from './asset-contexts.js';
import { BatchProcessor } from './batch-processor.js';
import { Corroboration } from './corroboration.js';
import { EngineCaches } from './engine-caches.js';
import { EngineInvalidation } from './engine-invalidation.js';
import { EngineMetrics } from './engine-metrics.js';
import { EngineOutcomes } from './engine-outcomes.js';
import { EngineRepository } from './engine.repository.js';
import { FloodGrouper } from './flood-grouper.js';
import { ReadingEvaluator } from './reading-evaluator.js';
import { RuleSets } from './rule-sets.js';
import { RuleStateStore } from './rule-state.store.js';
import { TransitionApplier } from './transition-applier.js';

/**
 * The rule engine (ingest role): consumes the in-process ReadingsBus of the ingest and turns rule
 * transitions into alarm changes (docs/decisions/0008-alarm-engine.md).
 */
@Module({
  imports: [AlarmsCoreModule, IngestModule],
  providers: [
    EngineRepository,
    AssetContexts,
    RuleSets,
    RuleStateStore,
    Corroboration,
    EngineCaches,
    EngineMetrics,
    ReadingEvaluator,
    TransitionApplier,
    FloodGrouper,
    EngineOutcomes,
    BatchProcessor,
    AlarmEngine,
    EngineInvalidation,
  ],
  exports: [AlarmEngine],
})
export class AlarmEngineModule {}
