import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateMaintenanceWindowDto {
  @ApiProperty({ example: '康巴什 gas main valve replacement' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Why alarms in scope are not notified (audited)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({
    description:
      '{kind: "assets", assetIds, includeDescendants?=true} | {kind: "domains", domains} | {kind: "districts", districts}',
    example: { kind: 'assets', assetIds: ['GAS-SEG-0001'], includeDescendants: true },
  })
  @IsObject()
  scope!: Record<string, unknown>;

  @ApiProperty({
    description:
      '{kind: "once", startsAt, endsAt} (RFC 3339) | {kind: "daily"|"weekly", weekdays? (0=Sun…6), startTime "HH:MM", durationMin, utcOffset?="+08:00", validFrom?, validUntil?}',
    example: { kind: 'once', startsAt: '2026-11-22T01:00:00Z', endsAt: '2026-11-22T05:00:00Z' },
  })
  @IsObject()
  schedule!: Record<string, unknown>;
}

export class CancelMaintenanceWindowQueryDto {
  @ApiProperty({ description: 'Why the window is cancelled (audited)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class MaintenanceListQueryDto {
  @ApiPropertyOptional({ description: 'true: include cancelled windows' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeCancelled?: boolean;
}

export class MaintenanceWindowView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) scope!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) schedule!: Record<string, unknown>;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelledBy!: string | null;
  @ApiProperty({ description: 'An occurrence is in force now' }) active!: boolean;
  @ApiProperty({ type: Object, nullable: true }) occurrence!: { start: string; end: string } | null;
}
