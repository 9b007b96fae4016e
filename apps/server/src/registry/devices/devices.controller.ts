import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import { DeviceImportService } from './device-import.service.js';
import { DeviceImportResultView, DevicePage, DeviceSecretView, DeviceView } from './device-views.js';
import { CreateDeviceDto, DeviceImportQueryDto, DeviceListQueryDto, PatchDeviceDto } from './devices.dto.js';
import { DevicesService } from './devices.service.js';

@ApiTags('registry')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('devices')
export class DevicesController {
  constructor(
    private readonly devices: DevicesService,
    private readonly importer: DeviceImportService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List devices with their health (any role; a utility token sees only its unit’s devices)',
  })
  @ApiOkResponse({ type: DevicePage })
  @ApiProblems(400)
  list(@Query() q: DeviceListQueryDto, @CurrentPrincipal() p: Principal): Promise<DevicePage> {
    return this.devices.list(q, p);
  }

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary:
      'Register a device (admin, operator). Metrics and ranges are checked against the catalog; the asset must be of the same domain.',
  })
  @ApiCreatedResponse({ type: DeviceView })
  @ApiProblems(400, 409, 422)
  create(@Body() body: CreateDeviceDto, @CurrentPrincipal() p: Principal): Promise<DeviceView> {
    return this.devices.create(body, p);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Bulk import devices (admin, operator), all-or-nothing',
    description:
      'Body: a JSON array of device objects (as POST /devices), up to 20 MB. Existing ids are replaced (upsert; secret and health kept; domain cannot change). Any bad row rejects everything: 422 with errors[] = { row (1-based array index), field, message }. With issueSecrets=true every imported device gets a new secret (rotating an existing one), returned once.',
  })
  @ApiBody({ schema: { type: 'array', items: { $ref: getSchemaPath(CreateDeviceDto) } } })
  @ApiOkResponse({ type: DeviceImportResultView })
  @ApiProblems(400, 413, 422)
  import(
    @Body() body: unknown,
    @Query() q: DeviceImportQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<DeviceImportResultView> {
    return this.importer.import(body, q.issueSecrets ?? false, p);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One device with its health (any role; 404 outside a utility token’s unit)' })
  @ApiOkResponse({ type: DeviceView })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<DeviceView> {
    return this.devices.get(id, p);
  }

  @Patch(':id')
  @Roles('operator')
  @ApiOperation({
    summary:
      'Change a device (admin, operator). id and domain are immutable; metrics and ranges replace the stored ones.',
  })
  @ApiOkResponse({ type: DeviceView })
  @ApiProblems(400, 404, 422)
  update(
    @Param('id') id: string,
    @Body() body: PatchDeviceDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<DeviceView> {
    return this.devices.update(id, body, p);
  }

  @Post(':id/secret')
  @Roles('operator')
  @ApiOperation({
    summary:
      'Issue or rotate the device’s MQTT secret (admin, operator). Shown once; the previous secret stops working.',
  })
  @ApiCreatedResponse({ type: DeviceSecretView })
  @ApiProblems(404)
  issueSecret(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<DeviceSecretView> {
    return this.devices.issueSecret(id, p);
  }
}
