import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { REJECTION_CODES } from '#contracts';
import { KEEP_PER_DEVICE } from './rejection-recorder.js';

export class RejectionListQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: KEEP_PER_DEVICE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(KEEP_PER_DEVICE)
  limit?: number;
}

export class RejectionView {
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ enum: REJECTION_CODES }) code!: string;
  @ApiProperty({ example: 'metric "ch4_lel" value 180 is outside the physical range 0–100 %LEL' })
  message!: string;
  @ApiProperty({ example: 'lifeline/v1/gas/GAS-DEV-0001/telemetry' }) topic!: string;
  @ApiProperty({ type: Number, nullable: true }) seq!: number | null;
}

export class DeviceRejectionsView {
  @ApiProperty() deviceId!: string;
  @ApiProperty({
    description: 'Every rejection since the device was registered, by code',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { out_of_range: 3, duplicate_seq: 1 },
  })
  counts!: Record<string, number>;
  @ApiProperty({ type: [RejectionView], description: `Newest first; the last ${KEEP_PER_DEVICE} are kept` })
  recent!: RejectionView[];
}
