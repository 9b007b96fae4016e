import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AuditService, type AuditEntry } from '../../audit/audit.service.js';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { pgErrorCode, PG_FOREIGN_KEY_VIOLATION } from '../../common/pg-errors.js';
import { InjectDb } from '../../database/database.module.js';
import { EndpointCredentials } from '../core/endpoint-credentials.js';
import { newWebhookSecret } from '../core/signing.js';
import {
  WebhookEndpointsRepository,
  type EndpointPatch,
  type EndpointRow,
  type NewEndpointRow,
} from '../core/webhook-endpoints.repository.js';
import { WebhookException } from '../webhooks.exception.js';
import { EndpointUrlGuard } from './endpoint-url.guard.js';
import type { CreateWebhookEndpointDto, PatchWebhookEndpointDto } from './webhook-endpoints.dto.js';
import {
  toEndpointView,
  type CreatedWebhookEndpointView,
  type WebhookEndpointView,
} from './webhook-endpoint.views.js';

/**
 * Registration of webhook endpoints (CONTRACT.md §3). Admin and operator manage every unit's endpoints;
 * a utility token only its own unit's — others answer 404, so their existence does not leak.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly audit: AuditService,
    private readonly urls: EndpointUrlGuard,
    private readonly credentials: EndpointCredentials,
  ) {}

  async list(p: Principal): Promise<WebhookEndpointView[]> {
    return (await this.endpoints.list(ownerScope(p))).map(toEndpointView);
  }

  async get(id: string, p: Principal): Promise<WebhookEndpointView> {
    return toEndpointView(await this.scoped(id, p));
  }

  /** Registers an endpoint and returns its signing secret, once. */
  async create(input: CreateWebhookEndpointDto, p: Principal): Promise<CreatedWebhookEndpointView> {
    const ownerUnitId = ownerUnitFor(input.ownerUnitId, p);
    const id = randomUUID();
    const url = await this.urls.accept(input.url, id);
    const secret = newWebhookSecret();
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.insert(trx, {
        id,
        owner_unit_id: ownerUnitId,
        url: url.href,
        url_credentials_enc: url.credentialsEnc,
        description: input.description ?? null,
        event_types: input.eventTypes,
        levels: input.levels ?? [],
        domains: input.domains ?? [],
        enabled: input.enabled ?? true,
        secret_enc: this.credentials.seal(id, secret),
        created_by: p.actor,
      });
      await this.audit.record(entry(p, 'webhook_endpoint.create', id, describe(created)), trx);
      return created;
    });
    return { ...toEndpointView(row), secret };
  }

  async update(id: string, input: PatchWebhookEndpointDto, p: Principal): Promise<WebhookEndpointView> {
    const current = await this.scoped(id, p);
    const patch: EndpointPatch = {
      ...(input.eventTypes !== undefined ? { event_types: input.eventTypes } : {}),
      ...(input.levels !== undefined ? { levels: input.levels } : {}),
      ...(input.domains !== undefined ? { domains: input.domains } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...enabledPatch(current, input.enabled, p),
    };
    if (input.url !== undefined) {
      const url = await this.urls.accept(input.url, id);
      Object.assign(patch, { url: url.href, url_credentials_enc: url.credentialsEnc });
    }
    const row = await this.db.transaction().execute(async (trx) => {
      const updated = await this.endpoints.update(id, patch, trx);
      if (!updated) throw notFound(id);
      if (input.enabled === true && !current.enabled) await this.endpoints.releaseWaiting(id, trx);
      await this.audit.record(
        entry(p, 'webhook_endpoint.update', id, { ...input, ...(input.url ? { url: updated.url } : {}) }),
        trx,
      );
      return updated;
    });
    return toEndpointView(row);
  }

  /** Deletes the endpoint with its delivery log; pending deliveries are dropped. */
  async remove(id: string, p: Principal): Promise<void> {
    const current = await this.scoped(id, p);
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.endpoints.delete(id, trx))) throw notFound(id);
      await this.audit.record(entry(p, 'webhook_endpoint.delete', id, describe(current)), trx);
    });
  }

  private async scoped(id: string, p: Principal): Promise<EndpointRow> {
    const row = await this.endpoints.find(id, ownerScope(p));
    if (!row) throw notFound(id);
    return row;
  }

  private async insert(trx: Db, row: NewEndpointRow): Promise<EndpointRow> {
    try {
      return await this.endpoints.insert(row, trx);
    } catch (error) {
      if (pgErrorCode(error) !== PG_FOREIGN_KEY_VIOLATION) throw error;
      throw new WebhookException('WEBHOOK_ENDPOINT_INVALID', `no owner unit ${row.owner_unit_id}`, {
        errors: [{ field: 'ownerUnitId', message: 'no such owner unit' }],
      });
    }
  }
}

/** The unit an endpoint is registered for: a utility's own; anyone else must name one. */
function ownerUnitFor(requested: string | undefined, p: Principal): string {
  const scope = ownerScope(p);
  const unit = requested ?? scope;
  if (unit === undefined)
    throw new WebhookException('WEBHOOK_ENDPOINT_INVALID', 'ownerUnitId is required', {
      errors: [{ field: 'ownerUnitId', message: 'required' }],
    });
  if (scope !== undefined && unit !== scope)
    throw new WebhookException(
      'WEBHOOK_ENDPOINT_INVALID',
      'a utility token registers endpoints for its own unit only',
      {
        errors: [{ field: 'ownerUnitId', message: `must be ${scope}` }],
      },
    );
  return unit;
}

function enabledPatch(current: EndpointRow, enabled: boolean | undefined, p: Principal): EndpointPatch {
  if (enabled === undefined || enabled === current.enabled) return {};
  if (enabled)
    return { enabled, disabled_reason: null, disabled_at: null, throttled_until: null, failing_since: null };
  return { enabled, disabled_reason: `disabled by ${p.actor}`, disabled_at: new Date() };
}

function describe(row: EndpointRow): Record<string, unknown> {
  const { url, owner_unit_id, event_types, levels, domains, enabled, description } = row;
  return { url, ownerUnitId: owner_unit_id, eventTypes: event_types, levels, domains, enabled, description };
}

function entry(p: Principal, action: string, id: string, detail: Record<string, unknown>): AuditEntry {
  return { actor: p.actor, role: p.role, action, targetType: 'webhook_endpoint', targetId: id, detail };
}

export function notFound(id: string): WebhookException {
  return new WebhookException('WEBHOOK_ENDPOINT_NOT_FOUND', `no webhook endpoint ${id}`);
}
