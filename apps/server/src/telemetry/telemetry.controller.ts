import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { TelemetryQueryDto, TelemetryView } from './telemetry.dto.js';
import { TelemetryService } from './telemetry.service.js';

@ApiTags('telemetry')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 503)
@Roles('monitor', 'operator', 'auditor', 'utility')
@Controller('assets')
export class TelemetryController {
  constructor(private readonly telemetry: TelemetryService) {}

  @Get(':id/telemetry')
  @ApiOperation({
    summary:
      'History of one metric of an asset from InfluxDB: mean/min/max per bucket, one series per device (a utility token: its own assets only)',
  })
  @ApiOkResponse({ type: TelemetryView })
  history(
    @Param('id') id: string,
    @Query() q: TelemetryQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<TelemetryView> {
    return this.telemetry.history(id, q, p);
  }
}
