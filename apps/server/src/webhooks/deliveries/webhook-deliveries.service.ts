import { Injectable } from '@nestjs/common';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { AppException } from '../../errors/app.exception.js';
import {
  WebhookDeliveriesRepository,
  type AttemptRow,
  type DeliveryRow,
} from '../core/webhook-deliveries.repository.js';
import { WebhookException } from '../webhooks.exception.js';
import type { DeliveryListQueryDto } from './webhook-deliveries.dto.js';
import {
  toDeliveryView,
  type WebhookDeliveryDetailView,
  type WebhookDeliveryPage,
  type WebhookDeliveryView,
} from './webhook-delivery.views.js';

/** The delivery log: every delivery with every attempt; a utility token sees its own unit's only. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(private readonly deliveries: WebhookDeliveriesRepository) {}

  async list(q: DeliveryListQueryDto, p: Principal): Promise<WebhookDeliveryPage> {
    const limit = q.limit ?? 100;
    const rows = await this.deliveries.list({
      ownerUnitId: ownerScope(p),
      endpointId: q.endpointId,
      status: q.status,
      eventType: q.eventType,
      alarmId: q.alarmId,
      from: q.from === undefined ? undefined : new Date(q.from),
      to: q.to === undefined ? undefined : new Date(q.to),
      beforeId: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
      limit,
    });
    const items = await this.withAttempts(rows);
    const last = rows[rows.length - 1];
    return { items, nextCursor: rows.length === limit && last ? encodeCursor(last.id) : null };
  }

  async get(id: string, p: Principal): Promise<WebhookDeliveryDetailView> {
    const row = await this.scoped(id, p);
    const [view] = await this.withAttempts([row]);
    return { ...view, payload: JSON.parse(row.body) as Record<string, unknown> };
  }

  /** The delivery if the principal may see it; 404 otherwise. */
  async scoped(id: string, p: Principal): Promise<DeliveryRow> {
    const numeric = /^\d{1,15}$/.test(id) ? Number(id) : undefined;
    const row = numeric === undefined ? undefined : await this.deliveries.find(numeric, ownerScope(p));
    if (!row) throw new WebhookException('WEBHOOK_DELIVERY_NOT_FOUND', `no webhook delivery ${id}`);
    return row;
  }

  private async withAttempts(rows: readonly DeliveryRow[]): Promise<WebhookDeliveryView[]> {
    const byDelivery = new Map<number, AttemptRow[]>();
    for (const a of await this.deliveries.attemptsOf(rows.map((r) => r.id)))
      byDelivery.set(a.delivery_id, [...(byDelivery.get(a.delivery_id) ?? []), a]);
    return rows.map((r) => toDeliveryView(r, byDelivery.get(r.id) ?? []));
  }
}

function encodeCursor(id: number): string {
  return Buffer.from(String(id), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,15}$/.test(text))
    throw new AppException('VALIDATION_FAILED', 'cursor is not one this API issued', {
      errors: [{ field: 'cursor', message: 'use nextCursor of the previous page' }],
    });
  return Number(text);
}
