import { Module } from '@nestjs/common';
import { RiskCoreModule } from '../risk/risk-core.module.js';
import { RiskReportController } from './risk-report.controller.js';
import { RiskReportRepository } from './risk-report.repository.js';
import { RiskReportService } from './risk-report.service.js';

/** Printable reports (api role): the risk assessment report. */
@Module({
  imports: [RiskCoreModule],
  controllers: [RiskReportController],
  providers: [RiskReportRepository, RiskReportService],
})
export class ReportsModule {}
