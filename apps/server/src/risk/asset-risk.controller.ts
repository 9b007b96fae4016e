import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { ExternalEventsService, type ExternalEventView } from './external-events.service.js';
import { RiskQueryService } from './risk-query.service.js';
import { CreateExternalEventDto, RiskHistoryQueryDto } from './risk.dto.js';
import type { AssetRiskView, Page, RiskChangeView } from './risk-views.js';

const READERS = ['monitor', 'operator', 'auditor', 'utility'] as const;

@ApiTags('risk')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('assets')
export class AssetRiskController {
  constructor(
    private readonly query: RiskQueryService,
    private readonly external: ExternalEventsService,
  ) {}

  @Get(':id/risk')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Current risk level of an asset with its explanation (a utility sees its own unit only)',
    description:
      'level, colour, zh label, verified, score R = L × S, since, the static factors with their census inputs, the dynamic factors and overrides with the alarm or report behind them, the hysteresis decision and every rule version. 404 RISK_NOT_ASSESSED before the first grading.',
  })
  @ApiOkResponse({ description: 'AssetRiskView' })
  @ApiProblems(404)
  risk(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<AssetRiskView> {
    return this.query.risk(id, p);
  }

  @Get(':id/risk/history')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Every change of level or verification of an asset, newest first, with its explanation',
  })
  @ApiOkResponse({ description: '{ items: RiskChangeView[], nextCursor }' })
  @ApiProblems(400, 404)
  history(
    @Param('id') id: string,
    @Query() q: RiskHistoryQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<Page<RiskChangeView>> {
    return this.query.history(id, q, p);
  }

  @Post(':id/external-events')
  @Roles('operator')
  @ApiOperation({
    summary: 'Report an excavation, a subsidence or a major event at an asset (admin, operator; audited)',
    description:
      'Feeds ΔL_external (excavation within 10 m, subsidence) and ΔS_event (major event) of DOMAIN.md §b.2 until `until`. The asset is re-assessed as soon as the report commits.',
  })
  @ApiCreatedResponse({ description: 'ExternalEventView' })
  @ApiProblems(400, 404, 422)
  report(
    @Param('id') id: string,
    @Body() body: CreateExternalEventDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<ExternalEventView> {
    return this.external.create(id, body, p);
  }

  @Get(':id/external-events')
  @Roles(...READERS)
  @ApiOperation({ summary: 'External reports filed against an asset, newest first (last 200)' })
  @ApiOkResponse({ description: 'ExternalEventView[]' })
  @ApiProblems(404)
  reports(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<ExternalEventView[]> {
    return this.external.list(id, p);
  }
}
