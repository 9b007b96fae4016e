import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import { CreateOwnerUnitDto, OwnerUnitView } from './owner-units.dto.js';
import { OwnerUnitsService } from './owner-units.service.js';

@ApiTags('registry')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('owner-units')
export class OwnerUnitsController {
  constructor(private readonly units: OwnerUnitsService) {}

  @Get()
  @ApiOperation({ summary: 'Owner units (权属单位). Any role; a utility token sees only its own unit.' })
  @ApiOkResponse({ type: [OwnerUnitView] })
  list(@CurrentPrincipal() p: Principal): Promise<OwnerUnitView[]> {
    return this.units.list(p);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One owner unit. Any role; 404 for a unit a utility token is not scoped to.' })
  @ApiOkResponse({ type: OwnerUnitView })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<OwnerUnitView> {
    return this.units.get(id, p);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an owner unit (admin). 409 if the id exists.' })
  @ApiCreatedResponse({ type: OwnerUnitView })
  @ApiProblems(400, 409)
  create(@Body() body: CreateOwnerUnitDto, @CurrentPrincipal() p: Principal): Promise<OwnerUnitView> {
    return this.units.create(body, p);
  }
}
