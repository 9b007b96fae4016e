import { Module } from '@nestjs/common';
import { RiskCoreModule } from './risk-core.module.js';
import { RiskEvaluator } from './risk-evaluator.service.js';
import { RiskTriggerListener } from './risk-trigger.listener.js';
import { RiskTriggerRepository } from './risk-trigger.repository.js';

/**
 * The risk evaluator (dispatcher role): boot sweep, event-driven re-assessment and the periodic tick.
 * Needs ScheduleModule.forRoot() once in the process (app.module.ts dispatcher list).
 */
@Module({
  imports: [RiskCoreModule],
  providers: [RiskTriggerRepository, RiskEvaluator, RiskTriggerListener],
  exports: [RiskEvaluator],
})
export class RiskEvaluatorModule {}
