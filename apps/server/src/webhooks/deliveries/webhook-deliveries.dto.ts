import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'dead'] as const;
export const MAX_DELIVERY_PAGE = 500;

export class DeliveryListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() endpointId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'dead = the dead-letter list' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ example: 'alarm.raised' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  eventType?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() alarmId?: string;

  @ApiPropertyOptional({ description: 'Event time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Event time, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 100, maximum: MAX_DELIVERY_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DELIVERY_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page (newest first)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;
}
