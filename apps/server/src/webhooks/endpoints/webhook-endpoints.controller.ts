import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import { WebhookReplayService } from '../deliveries/webhook-replay.service.js';
import { EndpointSecretsService } from './endpoint-secrets.service.js';
import { EndpointTestService, TestSendView } from './endpoint-test.service.js';
import {
  CreateWebhookEndpointDto,
  PatchWebhookEndpointDto,
  ReplayRangeDto,
  RotateSecretDto,
} from './webhook-endpoints.dto.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import {
  CreatedWebhookEndpointView,
  ReplayRangeView,
  RotatedSecretView,
  WebhookEndpointView,
} from './webhook-endpoint.views.js';

const SCOPE = 'A utility token sees and manages only its own unit’s endpoints (404 for others).';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly secrets: EndpointSecretsService,
    private readonly tests: EndpointTestService,
    private readonly replays: WebhookReplayService,
  ) {}

  @Get()
  @Roles('operator', 'monitor', 'auditor', 'utility')
  @ApiOperation({ summary: `Webhook endpoints. ${SCOPE}` })
  @ApiOkResponse({ type: [WebhookEndpointView] })
  list(@CurrentPrincipal() p: Principal): Promise<WebhookEndpointView[]> {
    return this.endpoints.list(p);
  }

  @Post()
  @Roles('operator', 'utility')
  @ApiOperation({
    summary:
      'Register an endpoint (admin, operator, utility for its own unit). The signing secret is returned once.',
    description:
      'The URL must be http(s); its host must resolve only to addresses the SSRF policy allows (422 otherwise).',
  })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointView })
  @ApiProblems(400, 422)
  create(
    @Body() body: CreateWebhookEndpointDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CreatedWebhookEndpointView> {
    return this.endpoints.create(body, p);
  }

  @Get(':id')
  @Roles('operator', 'monitor', 'auditor', 'utility')
  @ApiOperation({ summary: `One endpoint. ${SCOPE}` })
  @ApiOkResponse({ type: WebhookEndpointView })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<WebhookEndpointView> {
    return this.endpoints.get(id, p);
  }

  @Patch(':id')
  @Roles('operator', 'utility')
  @ApiOperation({ summary: `Change URL, filters, description, or enable/disable. ${SCOPE}` })
  @ApiOkResponse({ type: WebhookEndpointView })
  @ApiProblems(400, 404, 422)
  update(
    @Param('id') id: string,
    @Body() body: PatchWebhookEndpointDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<WebhookEndpointView> {
    return this.endpoints.update(id, body, p);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('operator', 'utility')
  @ApiOperation({ summary: `Delete an endpoint with its delivery log. ${SCOPE}` })
  @ApiNoContentResponse()
  @ApiProblems(404)
  remove(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<void> {
    return this.endpoints.remove(id, p);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles('operator', 'utility')
  @ApiOperation({
    summary: 'New signing secret (shown once); the old one keeps signing alongside during the overlap.',
  })
  @ApiOkResponse({ type: RotatedSecretView })
  @ApiProblems(400, 404)
  rotate(
    @Param('id') id: string,
    @Body() body: RotateSecretDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<RotatedSecretView> {
    return this.secrets.rotate(id, body.overlapSeconds, p);
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles('operator', 'utility')
  @ApiOperation({ summary: 'Send a signed webhook.test event now; answers with the attempt’s result.' })
  @ApiOkResponse({ type: TestSendView })
  @ApiProblems(404)
  test(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<TestSendView> {
    return this.tests.send(id, p);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @Roles('operator', 'utility')
  @ApiOperation({
    summary: 'Replay every event of a time range [from, to) that matches the endpoint’s filters',
    description:
      'Existing deliveries are queued again with their webhook-id; events never delivered to the endpoint get one.',
  })
  @ApiOkResponse({ type: ReplayRangeView })
  @ApiProblems(400, 404, 422)
  replay(
    @Param('id') id: string,
    @Body() body: ReplayRangeDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<ReplayRangeView> {
    return this.replays.replayRange(id, body, p);
  }
}
