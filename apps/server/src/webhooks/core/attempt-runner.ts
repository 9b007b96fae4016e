import { Injectable } from '@nestjs/common';
import {
  classifyAttempt,
  parseWebhookUrl,
  type AttemptErrorCode,
  type AttemptOutcome,
  type AttemptResult,
} from '#domain';
import { AppConfig } from '../../config/app-config.js';
import { WebhookException } from '../webhooks.exception.js';
import { EndpointCredentials, type SealedEndpointSecrets } from './endpoint-credentials.js';
import { signatureHeader } from './signing.js';
import { TargetResolver } from './target-resolver.js';
import { postWebhook, type PostResult } from './webhook-http-client.js';

/** What an attempt needs: where, with which secrets, which message. */
export interface AttemptTarget extends SealedEndpointSecrets {
  endpointId: string;
  url: string;
  messageId: string;
  body: string;
}

/** One attempt as it happened, ready for the delivery log. */
export interface AttemptRecord {
  startedAt: Date;
  /** The `webhook-timestamp` sent (Unix seconds of this attempt). */
  webhookTimestamp: number;
  durationMs: number;
  result: AttemptResult;
  outcome: AttemptOutcome;
  statusCode: number | null;
  snippet: string | null;
  truncated: boolean;
  error: string | null;
  remoteAddress: string | null;
}

const USER_AGENT = 'Lifeline-Webhooks/1.0 (+https://www.standardwebhooks.com)';

/**
 * Makes one signed delivery attempt (CONTRACT.md §2): vets the target again (the address may have
 * changed since registration), signs `webhook-id.webhook-timestamp.body` with every active secret and
 * POSTs the stored body bytes unchanged.
 */
@Injectable()
export class AttemptRunner {
  constructor(
    private readonly config: AppConfig,
    private readonly resolver: TargetResolver,
    private readonly credentials: EndpointCredentials,
  ) {}

  async attempt(target: AttemptTarget, signal?: AbortSignal): Promise<AttemptRecord> {
    const startedAt = new Date();
    const webhookTimestamp = Math.floor(startedAt.getTime() / 1000);
    const started = performance.now();
    const posted = await this.post(target, webhookTimestamp, signal);
    const durationMs = Math.round(performance.now() - started);
    const { result } = posted;
    return {
      startedAt,
      webhookTimestamp,
      durationMs,
      result,
      outcome: classifyAttempt(result, Date.now()),
      statusCode: result.kind === 'response' ? result.status : null,
      snippet: posted.snippet,
      truncated: posted.truncated,
      error: posted.error,
      remoteAddress: posted.remoteAddress,
    };
  }

  private async post(target: AttemptTarget, timestampS: number, signal?: AbortSignal): Promise<PostResult> {
    const url = parseWebhookUrl(target.url);
    if (!url.ok) return notSent('address_refused', url.reason);
    const vetted = await this.resolver.vet(url.value);
    if (!vetted.ok) return notSent('address_refused', vetted.reason);
    let secrets: string[];
    let basic: string | undefined;
    try {
      secrets = this.credentials.signingSecrets(target, new Date());
      basic = this.credentials.basicAuth(target);
    } catch (error) {
      if (!(error instanceof WebhookException)) throw error;
      return notSent('secret_unreadable', error.detail);
    }
    return postWebhook({
      url: url.value,
      addresses: vetted.value,
      body: target.body,
      timeoutMs: this.config.webhooks.timeoutMs,
      policy: this.resolver.policy,
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': target.messageId,
        'webhook-timestamp': String(timestampS),
        'webhook-signature': signatureHeader(secrets, target.messageId, timestampS, target.body),
        ...(basic ? { authorization: basic } : {}),
      },
    });
  }
}

/** An attempt stopped before anything was sent. */
function notSent(code: AttemptErrorCode, reason: string): PostResult {
  return {
    result: { kind: 'error', code },
    snippet: null,
    truncated: false,
    error: reason,
    remoteAddress: null,
  };
}
