import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import { DeviceRejectionsView, RejectionListQueryDto } from './rejections.dto.js';
import { RejectionsService } from './rejections.service.js';

@ApiTags('ingest')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('devices')
export class RejectionsController {
  constructor(private readonly rejections: RejectionsService) {}

  @Get(':id/rejections')
  @Roles('monitor', 'operator', 'auditor', 'utility')
  @ApiOperation({
    summary:
      'Rejected messages of a device with their reasons (admin, monitor, operator, auditor; a utility only for its own devices)',
  })
  @ApiOkResponse({ type: DeviceRejectionsView })
  @ApiProblems(400, 404)
  list(
    @Param('id') id: string,
    @Query() q: RejectionListQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<DeviceRejectionsView> {
    return this.rejections.forDevice(id, q.limit, p);
  }
}
