import { Module } from '@nestjs/common';
import { AssetAssessments } from './asset-assessments.js';
import { AssetRiskRepository } from './asset-risk.repository.js';
import { Clock } from './clock.js';
import { RiskInputsRepository } from './risk-inputs.repository.js';
import { RiskMetrics } from './risk-metrics.js';
import { RiskPersistence } from './risk-persistence.js';
import { RiskQueryService } from './risk-query.service.js';
import { RiskReadRepository } from './risk-read.repository.js';
import { RiskReassessor } from './risk-reassessor.js';
import { RiskSettings } from './risk.settings.js';

const PROVIDERS = [
  Clock,
  RiskSettings,
  RiskInputsRepository,
  AssetRiskRepository,
  AssetAssessments,
  RiskPersistence,
  RiskReassessor,
  RiskMetrics,
  RiskReadRepository,
  RiskQueryService,
];

/**
 * What the evaluator (dispatcher role), the risk API and the reports (api role) and the deadman share:
 * the model runner, the one writer of `asset_risk`/`risk_history`, the read side, the clock and the
 * settings. One instance per process, whichever roles import it.
 */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class RiskCoreModule {}
