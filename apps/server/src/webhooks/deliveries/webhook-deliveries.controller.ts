import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import { DeliveryListQueryDto } from './webhook-deliveries.dto.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { WebhookDeliveryDetailView, WebhookDeliveryPage } from './webhook-delivery.views.js';
import { WebhookReplayService } from './webhook-replay.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(
    private readonly deliveries: WebhookDeliveriesService,
    private readonly replays: WebhookReplayService,
  ) {}

  @Get()
  @Roles('operator', 'monitor', 'auditor', 'utility')
  @ApiOperation({
    summary:
      'The delivery log, newest first, each delivery with every attempt; status=dead is the dead-letter list',
    description: 'A utility token sees only deliveries to its own unit’s endpoints.',
  })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiProblems(400)
  list(@Query() q: DeliveryListQueryDto, @CurrentPrincipal() p: Principal): Promise<WebhookDeliveryPage> {
    return this.deliveries.list(q, p);
  }

  @Get(':id')
  @Roles('operator', 'monitor', 'auditor', 'utility')
  @ApiOperation({ summary: 'One delivery with its attempts and the body sent' })
  @ApiOkResponse({ type: WebhookDeliveryDetailView })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<WebhookDeliveryDetailView> {
    return this.deliveries.get(id, p);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @Roles('operator', 'utility')
  @ApiOperation({
    summary: 'Send a delivery again (a new attempt, the same webhook-id), whatever its status',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDetailView })
  @ApiProblems(404)
  replay(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<WebhookDeliveryDetailView> {
    return this.replays.replayOne(id, p);
  }
}
