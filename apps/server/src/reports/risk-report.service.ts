import { Injectable } from '@nestjs/common';
import { DOMAINS } from '#contracts';
import { ownerScope, type Principal } from '../auth/principal.js';
import { Clock } from '../risk/clock.js';
import { RiskQueryService } from '../risk/risk-query.service.js';
import { RiskSettings } from '../risk/risk.settings.js';
import { DOMAIN_LABELS_ZH } from '../risk/risk-views.js';
import { monitoringCoverage, onlineRate } from './coverage.js';
import type { ReportQueryDto } from './report.dto.js';
import { RiskReportRepository, type ReportScope } from './risk-report.repository.js';
import { levelCounts, type RiskReport } from './risk-report.js';

/** Lines of the risk list printed in the report; the CSV export has every line. */
const LIST_LIMIT = 1000;
const TOP = 10;

/** Builds the risk assessment report for a district/domain scope (a utility sees its own unit only). */
@Injectable()
export class RiskReportService {
  constructor(
    private readonly query: RiskQueryService,
    private readonly repo: RiskReportRepository,
    private readonly settings: RiskSettings,
    private readonly clock: Clock,
  ) {}

  async build(q: ReportQueryDto, p: Principal): Promise<RiskReport> {
    const now = this.clock.now();
    const scope: ReportScope = { domain: q.domain, district: q.district, ownerUnitId: ownerScope(p) };
    const { pipelineKinds: pipeline, confinedSpaceKinds: confined, deadman } = this.settings;
    const [items, pipelines, pipelineDevices, devices] = await Promise.all([
      this.query.fullList({ domain: q.domain, district: q.district }, p),
      this.repo.pipelines(scope, pipeline),
      this.repo.pipelineDevices(scope, { pipeline, confined }),
      this.repo.devices(scope),
    ]);
    const domains = DOMAINS.map((d) => ({ domain: d, label: DOMAIN_LABELS_ZH[d] }));
    return {
      generatedAt: new Date(now).toISOString(),
      rulesetVersion: `${this.settings.static.version}+${this.settings.dynamic.version}`,
      scope: {
        district: q.district ?? null,
        domain: q.domain ?? null,
        ownerUnitId: scope.ownerUnitId ?? null,
      },
      ...levelCounts(items, domains),
      topRisks: items.slice(0, TOP),
      list: items.slice(0, LIST_LIMIT),
      listTotal: items.length,
      coverage: monitoringCoverage(pipelines, pipelineDevices, {
        now,
        deadman,
        target: this.settings.coverageTarget,
        domains: DOMAINS,
      }),
      devices: onlineRate(devices, now, deadman),
    };
  }
}
