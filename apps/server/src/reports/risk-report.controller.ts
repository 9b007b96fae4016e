import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { ReportQueryDto } from './report.dto.js';
import { renderRiskReportHtml } from './risk-report.html.js';
import type { RiskReport } from './risk-report.js';
import { RiskReportService } from './risk-report.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('reports')
export class RiskReportController {
  constructor(private readonly reports: RiskReportService) {}

  @Get('risk-assessment')
  @Roles('monitor', 'operator', 'auditor', 'utility')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      '城市基础设施风险评估报告: counts per level × domain, top risks, the risk list, monitoring coverage',
    description:
      'format=html (default) is one self-contained printable page; format=json the same data. A utility sees its own unit only.',
  })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ description: 'HTML page or RiskReport JSON' })
  @ApiProblems(400)
  async report(
    @Query() q: ReportQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<RiskReport | StreamableFile> {
    const report = await this.reports.build(q, p);
    if (q.format === 'json') return report;
    return new StreamableFile(Buffer.from(renderRiskReportHtml(report), 'utf8'), {
      type: 'text/html; charset=utf-8',
      disposition: 'inline',
    });
  }
}
