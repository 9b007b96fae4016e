import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { Clock } from './clock.js';
import { csvDisposition, riskListCsv } from './risk-list.csv.js';
import { RiskQueryService } from './risk-query.service.js';
import { RiskListQueryDto } from './risk.dto.js';
import type { Page, RiskListItem } from './risk-views.js';

@ApiTags('risk')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('risk-list')
export class RiskListController {
  constructor(
    private readonly query: RiskQueryService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('monitor', 'operator', 'auditor', 'utility')
  @ApiOperation({
    summary: 'The risk list 风险清单, highest level and score first (a utility sees its own unit only)',
    description:
      'format=json pages with limit/cursor; format=csv is the whole filtered list as UTF-8 CSV with a BOM and CRLF (opens in Excel and WPS).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ items: RiskListItem[], nextCursor } or CSV' })
  @ApiProblems(400)
  async list(
    @Query() q: RiskListQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<Page<RiskListItem> | StreamableFile> {
    if (q.format !== 'csv') return this.query.listPage(q, p);
    const csv = riskListCsv(await this.query.fullList(q, p));
    return new StreamableFile(Buffer.from(csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: csvDisposition(this.clock.now()),
    });
  }
}
