import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppException } from '../errors/app.exception.js';

export const MAX_PAGE = 1000;

/** `limit` plus either a keyset `cursor` (stable under concurrent inserts) or an `offset`. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Rows to skip; use `cursor` for deep pages' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export interface Page {
  limit: number;
  /** Items with a greater id than this. */
  afterId?: string;
  offset?: number;
}

/** Resolves the query's paging; the cursor is the last id seen, base64url so clients treat it as opaque. */
export function toPage(q: PageQueryDto): Page {
  if (q.cursor !== undefined && q.offset !== undefined) {
    throw new AppException('VALIDATION_FAILED', 'give cursor or offset, not both', {
      errors: [{ field: 'offset', message: 'not allowed together with cursor' }],
    });
  }
  const afterId = q.cursor === undefined ? undefined : Buffer.from(q.cursor, 'base64url').toString('utf8');
  return { limit: q.limit ?? 100, afterId, offset: q.offset };
}

/** The cursor of the next page, or null when this page was the last. */
export function nextCursor(items: readonly { id: string }[], limit: number): string | null {
  return items.length === limit
    ? Buffer.from(items[items.length - 1].id, 'utf8').toString('base64url')
    : null;
}
