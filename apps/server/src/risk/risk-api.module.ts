import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AssetRiskController } from './asset-risk.controller.js';
import { ExternalEventsRepository } from './external-events.repository.js';
import { ExternalEventsService } from './external-events.service.js';
import { RiskCoreModule } from './risk-core.module.js';
import { RiskListController } from './risk-list.controller.js';

/** The risk API (api role): an asset's level and history, the risk list, external reports. */
@Module({
  imports: [RiskCoreModule, AuditModule],
  controllers: [AssetRiskController, RiskListController],
  providers: [ExternalEventsRepository, ExternalEventsService],
})
export class RiskApiModule {}
