import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class TelemetryQueryDto {
  @ApiProperty({
    example: 'ch4_lel',
    description: 'A catalog metric of the asset’s domain, or battery_pct / rssi_dbm',
  })
  @IsString()
  @MaxLength(64)
  metric!: string;

  @ApiPropertyOptional({ description: 'Start (RFC 3339); default 24 h before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'End, exclusive (RFC 3339); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    example: '5m',
    description:
      'Bucket width (InfluxQL duration: 30s, 5m, 1h, 1d); default: about 300 buckets over the range',
  })
  @IsOptional()
  @Matches(/^[1-9]\d{0,5}(s|m|h|d|w)$/, { message: 'every must be a duration such as 30s, 5m, 1h or 1d' })
  every?: string;
}

export class TelemetryPointView {
  @ApiProperty({ description: 'Start of the bucket' }) at!: string;
  @ApiProperty() mean!: number;
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
}

export class DeviceSeriesView {
  @ApiProperty() deviceId!: string;
  @ApiProperty({ type: [TelemetryPointView] }) points!: TelemetryPointView[];
}

export class TelemetryView {
  @ApiProperty() assetId!: string;
  @ApiProperty() metric!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '%LEL',
    description: 'Fixed by the metric name (CONTRACT.md §4)',
  })
  unit!: string | null;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ example: '5m' }) every!: string;
  @ApiProperty({ type: [DeviceSeriesView], description: 'One series per device of the asset, by device id' })
  devices!: DeviceSeriesView[];
}
