import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

export class FieldErrorDto {
  @ApiPropertyOptional({
    description: '1-based row of a bulk import (feature index, CSV data line, array item)',
  })
  row?: number;
  @ApiProperty({ example: 'geometry.coordinates' })
  field!: string;
  @ApiProperty({ example: 'longitude must be within [-180, 180]' })
  message!: string;
}

/** OpenAPI schema of the RFC 9457 answers (the runtime shape is `Problem`). */
export class ProblemDto {
  @ApiProperty({
    example: 'urn:lifeline:problem:asset-not-found',
    description: 'Problem type URI; about:blank for generic HTTP errors',
  })
  type!: string;
  @ApiProperty({ example: 'Asset not found' })
  title!: string;
  @ApiProperty({ example: 404 })
  status!: number;
  @ApiProperty({ example: 'no asset GAS-SEG-9999' })
  detail!: string;
  @ApiProperty({ example: '/api/v1/assets/GAS-SEG-9999' })
  instance!: string;
  @ApiPropertyOptional({ example: 'ASSET_NOT_FOUND', description: 'Machine-readable error code' })
  code?: string;
  @ApiPropertyOptional({
    type: [FieldErrorDto],
    description: 'Every invalid field (validation, bulk import rows)',
  })
  errors?: FieldErrorDto[];
}

/** Documents problem+json answers for the given statuses. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: STATUS_CODES[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
