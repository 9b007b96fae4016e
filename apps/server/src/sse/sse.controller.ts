import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { AppException } from '../errors/app.exception.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { SseHub } from './sse-hub.js';

/** Ids are the platform_events bigserial: decimal digits. */
function parseEventId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,18}$/.test(value))
    throw new AppException('VALIDATION_FAILED', 'Last-Event-ID must be the id of an event this stream sent', {
      errors: [{ field: 'lastEventId', message: 'must be a non-negative integer' }],
    });
  return Number(value);
}

@ApiTags('events')
@ApiBearerAuth()
@ApiProblems(400, 401)
@Controller('events')
export class SseController {
  constructor(private readonly hub: SseHub) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  @ApiQuery({
    name: 'lastEventId',
    required: false,
    description: 'Same as Last-Event-ID (for a first connection)',
  })
  @ApiQuery({
    name: 'access_token',
    required: false,
    description: 'Bearer token for browsers’ EventSource, which cannot set headers (RFC 6750 §2.3)',
  })
  @ApiOperation({
    summary: 'Server-Sent Events: alarm, incident, maintenance, risk and device events, live',
    description:
      'Each message is `id: <event id>`, `event: <type>`, `data: <PlatformEvent JSON>`; a `: heartbeat` comment every 15 s. Reconnecting with Last-Event-ID replays exactly the missed events. A utility token receives its own unit’s events, without those held back by a maintenance window; other roles receive everything.',
  })
  async stream(
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
    @CurrentPrincipal() p: Principal,
    @Headers('last-event-id') header?: string,
    @Query('lastEventId') query?: string,
  ): Promise<void> {
    await this.hub.attach(req, res, p, parseEventId(header ?? query));
  }
}
