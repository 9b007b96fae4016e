import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { AuditService } from './audit.service.js';
import { AuditPage, AuditQueryDto, toAuditView } from './audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('auditor', 'monitor')
  @ApiOperation({ summary: 'Who did what, when and why, newest first. Roles: admin, auditor, monitor.' })
  @ApiOkResponse({ type: AuditPage })
  async find(@Query() q: AuditQueryDto): Promise<AuditPage> {
    const limit = q.limit ?? 100;
    const rows = await this.audit.find({
      targetType: q.targetType,
      targetId: q.targetId,
      actor: q.actor,
      action: q.action,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      beforeId: q.cursor ? Number(q.cursor) : undefined,
      limit,
    });
    const items = rows.map(toAuditView);
    return { items, nextCursor: items.length === limit ? String(items[items.length - 1].id) : null };
  }
}
