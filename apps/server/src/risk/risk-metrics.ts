import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';
import { AssetRiskRepository } from './asset-risk.repository.js';

/** Why an asset was re-assessed (label of `lifeline_risk_reassessments_total`). */
export type RiskTrigger = 'boot' | 'tick' | 'reconnect' | 'alarm' | 'device' | 'asset' | 'external';

/**
 * `lifeline_risk_assets{level,verified}` (read from PostgreSQL at scrape time, so every process reports
 * the same truth), `lifeline_risk_reassessments_total{trigger}` and `lifeline_risk_level_changes_total{to}`.
 */
@Injectable()
export class RiskMetrics {
  readonly reassessments: Counter<'trigger'>;
  readonly levelChanges: Counter<'to'>;

  constructor(metrics: MetricsService, risks: AssetRiskRepository) {
    new Gauge({
      name: 'lifeline_risk_assets',
      help: 'Assets per stored risk level and verification state',
      labelNames: ['level', 'verified'],
      registers: [metrics.registry],
      async collect() {
        const counts = await risks.countByLevel();
        this.reset();
        for (const c of counts) this.set({ level: c.level, verified: String(c.verified) }, c.count);
      },
    });
    this.reassessments = new Counter({
      name: 'lifeline_risk_reassessments_total',
      help: 'Asset risk assessments run, by what triggered them',
      labelNames: ['trigger'],
      registers: [metrics.registry],
    });
    this.levelChanges = new Counter({
      name: 'lifeline_risk_level_changes_total',
      help: 'Stored risk level or verification changes, by the level changed to',
      labelNames: ['to'],
      registers: [metrics.registry],
    });
  }
}
