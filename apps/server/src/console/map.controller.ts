import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { DistrictMapSource, type BaseMap } from './district-map.source.js';

export class BasemapView {
  @ApiProperty({ type: String, nullable: true, example: 'https://tiles.example.org/{z}/{x}/{y}.png' })
  tileUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) attribution!: string | null;
}

/** What the console map draws besides the assets; any role may read it. */
@ApiTags('map')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('map')
export class MapController {
  constructor(
    private readonly district: DistrictMapSource,
    private readonly config: AppConfig,
  ) {}

  @Get('district')
  @Header('Cache-Control', 'private, max-age=3600')
  @ApiOperation({
    summary:
      'Offline base map (GeoJSON FeatureCollection): district outline, street offices, streets, river, crowded places',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { type: { enum: ['FeatureCollection'] } } } })
  districtMap(): BaseMap {
    return this.district.get();
  }

  @Get('basemap')
  @ApiOperation({ summary: 'Optional tile layer under the offline map (CONSOLE_TILE_URL); null = none' })
  @ApiOkResponse({ type: BasemapView })
  basemap(): BasemapView {
    const { tileUrl, tileAttribution } = this.config.console;
    return { tileUrl: tileUrl ?? null, attribution: tileAttribution ?? null };
  }
}
