import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { AppConfig } from '../../config/app-config.js';
import { InjectDb } from '../../database/database.module.js';
import { EndpointCredentials } from '../core/endpoint-credentials.js';
import { newWebhookSecret } from '../core/signing.js';
import { WebhookEndpointsRepository } from '../core/webhook-endpoints.repository.js';
import { notFound } from './webhook-endpoints.service.js';
import type { RotatedSecretView } from './webhook-endpoint.views.js';

/**
 * Secret rotation with zero downtime (Standard Webhooks spec "signature rotation"): the new secret signs
 * from now on and the old one keeps signing alongside for the overlap, so a receiver verifies with either
 * while it switches. A second rotation inside the overlap retires the oldest secret at once.
 */
@Injectable()
export class EndpointSecretsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly credentials: EndpointCredentials,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async rotate(id: string, overlapSeconds: number | undefined, p: Principal): Promise<RotatedSecretView> {
    const secret = newWebhookSecret();
    const overlapMs =
      overlapSeconds === undefined ? this.config.webhooks.secretOverlapMs : overlapSeconds * 1000;
    const expiresAt = new Date(Date.now() + overlapMs);
    await this.db.transaction().execute(async (trx) => {
      const current = await this.endpoints.findForUpdate(id, ownerScope(p), trx);
      if (!current) throw notFound(id);
      await this.endpoints.update(
        id,
        {
          secret_enc: this.credentials.seal(id, secret),
          previous_secret_enc: current.secret_enc,
          previous_secret_expires_at: expiresAt,
          secret_rotated_at: new Date(),
        },
        trx,
      );
      await this.audit.record(
        {
          actor: p.actor,
          role: p.role,
          action: 'webhook_endpoint.rotate_secret',
          targetType: 'webhook_endpoint',
          targetId: id,
          detail: { previousSecretExpiresAt: expiresAt.toISOString() },
        },
        trx,
      );
    });
    return { id, secret, previousSecretExpiresAt: expiresAt.toISOString() };
  }
}
