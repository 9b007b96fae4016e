import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { InjectDb } from '../../database/database.module.js';
import { deliveriesFor, filterOf } from '../core/delivery-rows.js';
import { WebhookDeliveriesRepository } from '../core/webhook-deliveries.repository.js';
import { WebhookEndpointsRepository } from '../core/webhook-endpoints.repository.js';
import { WEBHOOK_DELIVERY_CHANNEL } from '../dispatch/outbox-relay.js';
import type { ReplayRangeDto } from '../endpoints/webhook-endpoints.dto.js';
import { notFound } from '../endpoints/webhook-endpoints.service.js';
import { WebhookException } from '../webhooks.exception.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import type { WebhookDeliveryDetailView } from './webhook-delivery.views.js';

/** At most this many events per range replay; a wider range is refused (replay it in parts). */
export const MAX_REPLAY_EVENTS = 10_000;

/**
 * Manual and range replay (PEERS.md §5.D item 20; Standard Webhooks "failure log with manual and range
 * replay"). A replayed delivery keeps its webhook-id, so a receiver that had it already de-duplicates;
 * it starts the retry schedule again and respects the ordering gate like any delivery.
 */
@Injectable()
export class WebhookReplayService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly log: WebhookDeliveriesService,
    private readonly audit: AuditService,
  ) {}

  async replayOne(id: string, p: Principal): Promise<WebhookDeliveryDetailView> {
    const row = await this.log.scoped(id, p);
    await this.db.transaction().execute(async (trx) => {
      await this.deliveries.requeue(row.id, trx);
      await this.audit.record(
        {
          actor: p.actor,
          role: p.role,
          action: 'webhook_delivery.replay',
          targetType: 'webhook_delivery',
          targetId: String(row.id),
          detail: { endpointId: row.endpoint_id, webhookId: row.message_id, previousStatus: row.status },
        },
        trx,
      );
      await wakeDispatchers(trx);
    });
    return this.log.get(id, p);
  }

  /** Queues every event of [from, to) the endpoint's filters match, delivered before or not. */
  async replayRange(endpointId: string, range: ReplayRangeDto, p: Principal): Promise<{ queued: number }> {
    const endpoint = await this.endpoints.find(endpointId, ownerScope(p));
    if (!endpoint) throw notFound(endpointId);
    const from = new Date(range.from);
    const to = new Date(range.to);
    if (from >= to) throw invalid('from must be before to');
    const events = await this.deliveries.eventsInRange(
      endpoint.owner_unit_id,
      from,
      to,
      MAX_REPLAY_EVENTS + 1,
    );
    if (events.length > MAX_REPLAY_EVENTS)
      throw invalid(`more than ${MAX_REPLAY_EVENTS} events in the range; replay it in parts`);
    const rows = deliveriesFor(
      events,
      [{ id: endpoint.id, startAfterEventId: 0, filter: filterOf(endpoint) }],
      { ignoreStart: true },
    );
    return this.db.transaction().execute(async (trx) => {
      const queued = await this.deliveries.upsertForReplay(rows, trx);
      await this.audit.record(
        {
          actor: p.actor,
          role: p.role,
          action: 'webhook_endpoint.replay',
          targetType: 'webhook_endpoint',
          targetId: endpointId,
          detail: { from: from.toISOString(), to: to.toISOString(), queued },
        },
        trx,
      );
      if (queued > 0) await wakeDispatchers(trx);
      return { queued };
    });
  }
}

async function wakeDispatchers(trx: Db): Promise<void> {
  await sql`select pg_notify(${WEBHOOK_DELIVERY_CHANNEL}, '')`.execute(trx);
}

function invalid(detail: string): WebhookException {
  return new WebhookException('WEBHOOK_REPLAY_INVALID', detail, {
    errors: [{ field: 'from', message: detail }],
  });
}
