import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import {
  CancelMaintenanceWindowQueryDto,
  CreateMaintenanceWindowDto,
  MaintenanceListQueryDto,
  MaintenanceWindowView,
} from './maintenance-windows.dto.js';
import { MaintenanceWindowsService } from './maintenance-windows.service.js';

@ApiTags('alarms')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('maintenance-windows')
export class MaintenanceWindowsController {
  constructor(private readonly windows: MaintenanceWindowsService) {}

  @Get()
  @Roles('monitor', 'operator', 'auditor')
  @ApiOperation({ summary: 'Maintenance windows with whether an occurrence is in force now' })
  @ApiOkResponse({ type: [MaintenanceWindowView] })
  list(@Query() q: MaintenanceListQueryDto): Promise<MaintenanceWindowView[]> {
    return this.windows.list(q.includeCancelled ?? false);
  }

  @Get(':id')
  @Roles('monitor', 'operator', 'auditor')
  @ApiOperation({ summary: 'One maintenance window' })
  @ApiOkResponse({ type: MaintenanceWindowView })
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<MaintenanceWindowView> {
    return this.windows.get(id);
  }

  @Post()
  @Roles('monitor', 'operator')
  @ApiOperation({
    summary:
      'Create a window (admin, monitor, operator): alarms in scope are recorded but their notices to utilities are held until it ends; resolution notices are then always delivered',
  })
  @ApiCreatedResponse({ type: MaintenanceWindowView })
  @ApiProblems(400, 422)
  create(
    @Body() body: CreateMaintenanceWindowDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MaintenanceWindowView> {
    return this.windows.create(body, p);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('monitor', 'operator')
  @ApiOperation({ summary: 'Cancel a window (audited; `reason` required); held notices are released' })
  @ApiProblems(400, 404)
  async cancel(
    @Param('id') id: string,
    @Query() q: CancelMaintenanceWindowQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<void> {
    await this.windows.cancel(id, q.reason, p);
  }
}
