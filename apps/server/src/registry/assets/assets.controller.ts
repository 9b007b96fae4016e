import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import { AssetImportService, importMediaType } from './asset-import.service.js';
import { AssetFeatureCollection, AssetPage, AssetView, ImportResultView } from './asset-views.js';
import { AssetListQueryDto, CreateAssetDto, PatchAssetDto } from './assets.dto.js';
import { AssetsService } from './assets.service.js';

const IMPORT_DOC = `All-or-nothing bulk import (admin, operator), up to 20 MB. Existing ids are replaced by the row
(upsert; created_at kept; domain cannot change). Any bad row rejects the whole file with 422 and
errors[] = { row, field, message } for every bad row (row = 1-based feature index or CSV data line).
GeoJSON: a FeatureCollection whose features carry geometry and properties { id, domain, kind, name,
district, ownerUnitId, parentId?, lengthM?, attributes? }. CSV: header id,domain,kind,name,district,
ownerUnitId and geometry (GeoJSON text) or lon,lat; optional parentId, lengthM and attr.<name> columns
(numbers, booleans, ';'-separated lists converted by the census field's type).`;

@ApiTags('registry')
@ApiBearerAuth()
@ApiProblems(401, 403)
@ApiExtraModels(AssetPage, AssetFeatureCollection)
@Controller('assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly importer: AssetImportService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'List assets (any role; a utility token sees only its unit). format=geojson → FeatureCollection.',
  })
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(AssetPage) }, { $ref: getSchemaPath(AssetFeatureCollection) }] },
  })
  @ApiProblems(400)
  list(
    @Query() q: AssetListQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AssetPage | AssetFeatureCollection> {
    return this.assets.list(q, p);
  }

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary:
      'Register an asset (admin, operator). 409 if the id exists; 422 for unknown owner unit or parent.',
  })
  @ApiCreatedResponse({ type: AssetView })
  @ApiProblems(400, 409, 413, 422)
  create(@Body() body: CreateAssetDto, @CurrentPrincipal() p: Principal): Promise<AssetView> {
    return this.assets.create(body, p);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Bulk import assets from GeoJSON or CSV', description: IMPORT_DOC })
  @ApiConsumes('application/geo+json', 'application/json', 'text/csv')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'object', description: 'GeoJSON FeatureCollection' },
        { type: 'string', description: 'CSV' },
      ],
    },
  })
  @ApiOkResponse({ type: ImportResultView })
  @ApiProblems(400, 413, 415, 422)
  import(
    @Body() body: unknown,
    @Headers('content-type') type: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<ImportResultView> {
    return this.importer.import(body, importMediaType(type), p);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One asset (any role; 404 outside a utility token’s unit)' })
  @ApiOkResponse({ type: AssetView })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<AssetView> {
    return this.assets.get(id, p);
  }

  @Patch(':id')
  @Roles('operator')
  @ApiOperation({
    summary: 'Change an asset (admin, operator). id and domain are immutable; attributes are merged.',
  })
  @ApiOkResponse({ type: AssetView })
  @ApiProblems(400, 404, 422)
  update(
    @Param('id') id: string,
    @Body() body: PatchAssetDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AssetView> {
    return this.assets.update(id, body, p);
  }
}
